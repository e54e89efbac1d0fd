import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { parseGlobalOptions } from './global-options.js';
import type { GlobalOptions } from '../runtime/options.js';

function run(argv: string[]): { options: GlobalOptions; command: string[] } {
  const r = parseGlobalOptions(argv);
  if (r.kind !== 'run') throw new Error(`expected run, got ${r.kind}`);
  return r;
}

function usage(argv: string[]): string {
  try {
    parseGlobalOptions(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('ipmitool option grammar', () => {
  it('reads options before and after the command (getopt permutation)', () => {
    const r = run(['power', 'status', '-I', 'lanplus', '-H', 'bmc1', '-C3', '-vv']);
    expect(r.command).toEqual(['power', 'status']);
    expect(r.options).toMatchObject({ interface: 'lanplus', host: 'bmc1', cipherSuite: 3, verbose: 2 });
  });

  it('has ipmitool defaults', () => {
    const r = run(['power', 'status']);
    expect(r.options).toMatchObject({ port: 623, username: '', privilege: 4, nameOnlyLookup: true, escapeChar: '~', format: 'text', cache: true });
    expect(r.options.interface).toBeUndefined();
    expect(r.options.cipherSuite).toBeUndefined();
  });

  it('keeps password sources in the order given (the last one wins later)', () => {
    const r = run(['-E', '-P', 'secret', '-f', '/tmp/pw', 'mc', 'info']);
    expect(r.options.passwordSources).toEqual([
      { kind: 'env', order: 0 },
      { kind: 'arg', value: 'secret', order: 1 },
      { kind: 'file', path: '/tmp/pw', order: 2 },
    ]);
  });

  it('parses numbers as strtol base 0', () => {
    expect(run(['-p', '0x26f', 'x']).options.port).toBe(623);
    expect(run(['-p', '01157', 'x']).options.port).toBe(623);
    expect(run(['-t', '0x2c', '-b', '6', 'x']).options).toMatchObject({ targetAddr: 0x2c, targetChannel: 6 });
  });

  it('-L: full names, case-insensitive, + clears the name-only lookup bit', () => {
    expect(run(['-L', 'operator', 'x']).options).toMatchObject({ privilege: 3, nameOnlyLookup: true });
    expect(run(['-L', 'USER+', 'x']).options).toMatchObject({ privilege: 2, nameOnlyLookup: false });
    expect(run(['-L', 'admin', 'x']).options.privilegeInvalid).toBe('admin');
  });

  it('-y takes hex, -k text', () => {
    expect(run(['-y', '50415353574F5244', 'x']).options.kgSources).toEqual([{ kind: 'hex', bytes: Buffer.from('PASSWORD'), order: 0 }]);
    expect(run(['-P', 'pw', '-k', 'PASSWORD', 'x']).options.kgSources).toEqual([{ kind: 'text', value: 'PASSWORD', order: 1 }]);
  });

  it('keeps a negative number as an argument', () => {
    expect(run(['sensor', 'thresh', 'CPU Temp', 'lnr', '-5']).command).toEqual(['sensor', 'thresh', 'CPU Temp', 'lnr', '-5']);
    expect(run(['-4', 'sensor', 'thresh', 'x', 'lower', '-4', '-6.5', '-1', '-v']).command).toEqual(['sensor', 'thresh', 'x', 'lower', '-4', '-6.5', '-1']);
    expect(run(['-P', '-5', 'x', '-1']).options.passwordSources).toEqual([{ kind: 'arg', value: '-5', order: 0 }]);
  });

  it('long options', () => {
    expect(run(['--json', '--timeout', '2.5', '--no-cache', 'x']).options).toMatchObject({ format: 'json', deadlineSec: 2.5, cache: false });
    expect(run(['--table', 'x']).options.format).toBe('table');
    expect(run(['--format', 'csv', 'x']).options.format).toBe('csv');
  });

  it('help and version', () => {
    expect(parseGlobalOptions(['-h']).kind).toBe('help');
    expect(parseGlobalOptions(['power', '-V']).kind).toBe('version');
  });

  it.each([
    [['-p', '70000', 'x'], 'Port number 70000 is out of range.'],
    [['-p', '12ab', 'x'], "Invalid parameter given or out of range for '-p'."],
    [['-C', '300', 'x'], "Invalid parameter given or out of range [0-255] for '-C'."],
    [['-t', '0x2x', 'x'], "Invalid parameter given or out of range for '-t'."],
    [['-R', '-1', 'x'], "Invalid parameter given or out of range for '-R'."],
    [['-N', 'soon', 'x'], "Invalid parameter given or out of range for '-N'."],
    [['-l', '300', 'x'], "Invalid parameter given or out of range for '-l'."],
    [['-U', 'a-user-name-longer-than-16', 'x'], 'Username is too long (> 16 bytes)'],
    [['-y', '123', 'x'], 'Number of Kg key characters is not even'],
    [['-y', 'zz', 'x'], 'Kg key is not hexadecimal number'],
    [['-y', '00'.repeat(21), 'x'], 'Kg key is too long'],
    [['-4', '-6', 'x'], 'Parameter is mutually exclusive with -4.'],
    [['-4', '-4', 'x'], 'Multiple -4 parameters given.'],
    [['-Q', 'x'], "ipmits: invalid option -- 'Q'"],
    [['-H'], "ipmits: option requires an argument -- 'H'"],
    [['-p', '0', 'x'], 'Port number 0 is out of range.'],
    [['--bogus', 'x'], "ipmits: unrecognized option '--bogus'"],
    [['-I', 'serial-basic', 'x'], 'Interface serial-basic is not supported by ipmits'],
    [['-I', 'nope', 'x'], 'Error loading interface nope'],
    [['--timeout', '0', 'x'], 'Invalid value for --timeout: 0 (seconds, greater than 0)'],
    [['--format', 'xml', 'x'], 'Invalid value for --format: xml (one of text, csv, json, table, prometheus)'],
  ])('%j is refused: %s', (argv, message) => {
    expect(usage(argv)).toBe(message);
  });
});
