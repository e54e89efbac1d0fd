import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { expandHostrange, foldHosts, isHostrange, MAX_HOSTS, parseLabel } from './hostrange.js';

const files: Record<string, string> = {
  '/hosts': '# rack 1\nbmc[1-2]  # two\n\nspare3\n@group:gpu\n',
  '/loop': '@/loop\n',
};
const deps = {
  readFile: (p: string): string => {
    const t = files[p];
    if (t === undefined) throw new UsageError(`Cannot read host file ${p}: No such file or directory`);
    return t;
  },
  group: (n: string): string[] | undefined => (n === 'gpu' ? ['gpu[01-02]', 'bmc1'] : undefined),
};
const labels = (spec: string): string[] => expandHostrange(spec, deps).map((t) => t.label);

describe('expandHostrange', () => {
  it('expands lists and bracket ranges, padding kept', () => {
    expect(labels('bmc[01-03].dc1,spare[1,3-5]')).toEqual(['bmc01.dc1', 'bmc02.dc1', 'bmc03.dc1', 'spare1', 'spare3', 'spare4', 'spare5']);
    expect(labels('n[8-11]')).toEqual(['n8', 'n9', 'n10', 'n11']);
    expect(labels('n[098-101]')).toEqual(['n098', 'n099', 'n100', 'n101']);
    expect(labels('foo[19]')).toEqual(['foo19']);
  });
  it('expands several ranges in one name, the first outermost', () => {
    expect(labels('r[1-2]n[01-03]')).toEqual(['r1n01', 'r1n02', 'r1n03', 'r2n01', 'r2n02', 'r2n03']);
    expect(labels('head_[0-1]-tail_[0,1]')).toEqual(['head_0-tail_0', 'head_0-tail_1', 'head_1-tail_0', 'head_1-tail_1']);
  });
  it('keeps ports and IPv6 literals', () => {
    expect(expandHostrange('127.0.1.[1-2]:9623,[::1]:700,[fe80::2],h', deps)).toEqual([
      { label: '127.0.1.1:9623', host: '127.0.1.1', port: 9623 },
      { label: '127.0.1.2:9623', host: '127.0.1.2', port: 9623 },
      { label: '[::1]:700', host: '::1', port: 700 },
      { label: '[fe80::2]', host: 'fe80::2' },
      { label: 'h', host: 'h' },
    ]);
    expect(expandHostrange('h:[623-624]', deps).map((t) => t.port)).toEqual([623, 624]);
    expect(parseLabel('fe80::1')).toEqual({ label: 'fe80::1', host: 'fe80::1' });
  });
  it('removes duplicates, first occurrence kept', () => {
    expect(labels('b,a[1-3],a2,b, a1')).toEqual(['b', 'a1', 'a2', 'a3']);
  });
  it('reads @FILE (comments, blank lines, groups inside) and @group:NAME', () => {
    expect(labels('@/hosts')).toEqual(['bmc1', 'bmc2', 'spare3', 'gpu01', 'gpu02']);
    expect(labels('x,@group:gpu')).toEqual(['x', 'gpu01', 'gpu02', 'bmc1']);
  });
  it('refuses bad ranges with one clear line', () => {
    const bad: Array<[string, RegExp]> = [
      ['n[1-', /'\[' without '\]'/],
      ['n1]', /'\]' without '\['/],
      ['n[3-1]', /range 3-1 runs backwards/],
      ['n[a-b]', /not a list of numbers/],
      ['n[1-2', /without/],
      ['h:x', /HOST:PORT/],
      ['h:70000', /Invalid port/],
      ['@group:none', /Unknown host group 'none'/],
      ['@/missing', /Cannot read host file/],
      ['@/loop', /nested more than 4 deep/],
      [',', /names no host/],
    ];
    for (const [spec, msg] of bad) expect(() => expandHostrange(spec, deps), spec).toThrow(msg);
  });
  it('refuses overlong ranges before expanding them', () => {
    expect(() => expandHostrange('n[1-100000000]', deps)).toThrow(`names more than ${MAX_HOSTS} hosts`);
    expect(() => expandHostrange('r[1-200]n[1-200]', deps)).toThrow(`names more than ${MAX_HOSTS} hosts`);
    expect(expandHostrange(`n[1-${MAX_HOSTS}]`, deps)).toHaveLength(MAX_HOSTS);
  });
});

describe('isHostrange', () => {
  it('tells ranges from one plain host', () => {
    for (const s of ['a,b', 'n[1-2]', 'n[1]', '@file', '@group:x', 'a b']) expect(isHostrange(s), s).toBe(true);
    for (const s of ['bmc1', '127.0.0.1', '[::1]:623', 'fe80::1', 'host.example']) expect(isHostrange(s), s).toBe(false);
  });
});

describe('foldHosts', () => {
  it('folds the last number of each name', () => {
    expect(foldHosts(['bmc1', 'bmc2', 'bmc3', 'bmc7'])).toBe('bmc[1-3,7]');
    expect(foldHosts(['bmc07', 'bmc01', 'bmc02', 'bmc10'])).toBe('bmc[01-02,07,10]');
    expect(foldHosts(['r1n01', 'r1n02', 'r2n01'])).toBe('r1n[01-02],r2n01');
    expect(foldHosts(['a1.dc1', 'a2.dc1', 'a1.dc2'])).toBe('a1.dc[1-2],a2.dc1'); // the last run that differs is folded
    expect(foldHosts(['127.0.1.3:9623', '127.0.1.1:9623', '127.0.1.2:9623', '127.0.1.9:700'])).toBe('127.0.1.[1-3]:9623,127.0.1.9:700');
    expect(foldHosts(['solo', 'x5', '[::1]:623'])).toBe('x5,[::1]:623,solo');
  });
  it('is the inverse of expansion', () => {
    for (const spec of ['bmc[01-64]', 'n[1-3,7,9-10]', 'a[1-2].dc1']) expect(foldHosts(labels(spec))).toBe(spec);
  });
});
