import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  builtInRegistry,
  loadPenRegistry,
  loadPenRegistryFor,
  manufacturerLabel,
  parsePenRegistry,
  registryPaths,
  SYSTEM_REGISTRY,
  type PenRegistry,
} from './iana.js';
import { haveFile, missing } from '../../test/support/peers.js';
import { readFilePrefix } from '../runtime/read-prefix.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/unit/fixtures/enterprise-numbers.txt');
const fixture = readFileSync(FIXTURE);
// The registry ipmitool installs: skipped locally without it, an error in CI (test/support/peers.ts).
const NO_SYSTEM_REGISTRY = missing(haveFile(SYSTEM_REGISTRY), `${SYSTEM_REGISTRY} (Debian's ipmitool package)`);

describe('parsePenRegistry (the rules of ipmitool 1.8.19 lib/ipmi_strings.c)', () => {
  const names = parsePenRegistry(fixture);

  it('reads number / two-space-indented organisation pairs', () => {
    expect(names.get(343)).toBe('Intel Corporation');
    expect(names.get(49769)).toBe('YADRO');
    expect(names.get(58132)).toBe('xFusion Digital Technologies Co., Ltd.');
    expect(names.get(0)).toBe('Reserved');
  });

  it('keeps the first entry for a number', () => {
    expect(names.get(4753)).toBe('MontaVista Software, Inc.');
  });

  it('skips organisation lines indented by other than exactly two spaces', () => {
    expect(names.get(10876)).toBeUndefined();
    expect(names.get(10877)).toBeUndefined();
  });

  it('always consumes the line after a number, valid or not', () => {
    expect(names.get(20000)).toBeUndefined();
    expect(names.get(20001)).toBeUndefined();
  });

  it('keeps trailing spaces, drops only the newline', () => {
    expect(names.get(32473)).toBe('Example Enterprise Number for Documentation Use  ');
  });

  it('takes the leading digits of a number line (strtol) and ignores indented numbers', () => {
    expect(names.get(40000)).toBe('Digits first: the number is 40000');
    expect(names.get(40001)).toBeUndefined();
  });

  it('decodes UTF-8 and reads a last line without a newline', () => {
    expect(names.get(77777)).toBe('Gebrüder Ümlaut GmbH');
    expect(names.get(12345)).toBe('Last entry, no newline at the end');
  });

  it('counts the entries', () => {
    expect(names.size).toBe(10);
  });

  it('finds nothing in an empty or unrelated file', () => {
    expect(parsePenRegistry(Buffer.alloc(0)).size).toBe(0);
    expect(parsePenRegistry(Buffer.from('<html>\n<body>\n  x\n</html>\n')).size).toBe(0);
    expect(parsePenRegistry(Buffer.from('7\n')).size).toBe(0);
  });

  it('gives the same names whatever the order of lookups (it parses lazily)', () => {
    const pens = [12345, 77777, 40001, 40000, 32473, 20001, 20000, 10877, 10876, 4753, 0, 58132, 49769, 343, 999999];
    const whole = parsePenRegistry(fixture);
    expect(whole.size).toBe(10); // parsed to the end first
    for (const pen of pens) expect(parsePenRegistry(fixture).get(pen)).toBe(whole.get(pen));
    const backwards = parsePenRegistry(fixture);
    for (const pen of pens) expect(backwards.get(pen)).toBe(whole.get(pen));
  });

  it('isEmpty: reads only to the first entry, and agrees with size', () => {
    expect(parsePenRegistry(fixture).isEmpty()).toBe(false);
    expect(parsePenRegistry(Buffer.from('<html>\n<body>\n  x\n</html>\n')).isEmpty()).toBe(true);
    expect(parsePenRegistry(Buffer.from('junk\n9\n   three spaces\n8\n  Eight\n')).isEmpty()).toBe(false);
  });

  it('cuts a name at a NUL byte, as the C string does', () => {
    expect(parsePenRegistry(Buffer.from('5\n  ab\u0000cd\n')).get(5)).toBe('ab');
  });
});

describe('parsePenRegistry: a first lookup by byte search gives what the line-by-line scan gives', () => {
  /** The scan's answer: after `size` the whole file is parsed and the search is not used. */
  const scanned = (buf: Buffer, pen: number) => {
    const n = parsePenRegistry(buf);
    expect(n.size).toBeGreaterThanOrEqual(0);
    return n.get(pen);
  };
  const tricky: Record<string, string> = {
    'at offset 0': '4753\n  First\n',
    'after an empty first line': '\n4753\n  Second\n',
    'an organisation line that looks like the number': '1\n4753\n  Not this\n4753\n  This\n',
    'an invalid entry first': '4753\n   Three spaces\n4753\n  Two\n',
    'leading zeros': '04753\n  Zero-padded\n4753\n  Plain\n',
    'a longer number': '47530\n  Longer\n4753x\n  Suffixed\n',
    'the number on the last line': 'x\n4753',
    'CRLF': '4753\r\n  Windows\r\n',
    'a NUL in the name': '4753\n  Cut\0here\n',
  };
  it.each(Object.entries(tricky))('%s', (_, text) => {
    const buf = Buffer.from(text);
    for (const pen of [4753, 47530, 1, 0]) expect(parsePenRegistry(buf).get(pen)).toBe(scanned(buf, pen));
  });

  it('every number of the fixture', () => {
    for (let pen = 0; pen < 70000; pen += pen < 1000 ? 1 : 31) expect(parsePenRegistry(fixture).get(pen)).toBe(scanned(fixture, pen));
    for (const pen of [4753, 10876, 10877, 20000, 20001, 32473, 49769, 58132]) {
      expect(parsePenRegistry(fixture).get(pen)).toBe(scanned(fixture, pen));
    }
  });
});

describe('manufacturerLabel', () => {
  const reg: PenRegistry = { source: 'test', size: 2, lookup: (n) => ({ 0: 'Reserved', 1048575: 'Some Name', 343: 'Intel Corporation' })[n] };
  it('0 and 0FFFFFh are named by ipmitool before the registry', () => {
    expect(manufacturerLabel(reg, 0)).toBe('Unknown');
    expect(manufacturerLabel(reg, 0xfffff)).toBe('Unspecified');
  });
  it('then the registry, then ipmitool\'s debug ID', () => {
    expect(manufacturerLabel(reg, 343)).toBe('Intel Corporation');
    expect(manufacturerLabel(reg, 0xfffffe)).toBe('A Debug Assisting Company, Ltd.');
  });
  it('unknown numbers print as "Unknown (0x%02X)"', () => {
    expect(manufacturerLabel(reg, 999999)).toBe('Unknown (0xF423F)');
    expect(manufacturerLabel(reg, 5)).toBe('Unknown (0x05)');
  });
});

describe('loadPenRegistry: where the names come from', () => {
  const files = (map: Record<string, Buffer | string>) => (p: string): Uint8Array => {
    const v = map[p];
    if (v === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    if (typeof v === 'string') throw Object.assign(new Error(`${v}: ${p}`), { code: v });
    return v;
  };
  const user = '/home/u/.local/usr/share/misc/enterprise-numbers.txt';

  it('the user\'s file first, then the system file (Debian\'s .txt names)', () => {
    expect(registryPaths({ HOME: '/home/u' })).toEqual([user, SYSTEM_REGISTRY]);
    expect(registryPaths({})).toEqual([SYSTEM_REGISTRY]);
    const r = loadPenRegistry({ HOME: '/home/u' }, files({ [user]: Buffer.from('343\n  Mine\n'), [SYSTEM_REGISTRY]: fixture }));
    expect(r.registry.source).toBe(user);
    expect(r.registry.lookup(343)).toBe('Mine');
    expect(r.warnings).toEqual([]);
  });

  it('an unreadable user file falls through to the system file', () => {
    const r = loadPenRegistry({ HOME: '/home/u' }, files({ [user]: 'EACCES', [SYSTEM_REGISTRY]: fixture }));
    expect(r.registry.source).toBe(SYSTEM_REGISTRY);
    expect(r.registry.lookup(4753)).toBe('MontaVista Software, Inc.');
  });

  it('no file: the built-in table, with ipmitool\'s message for -v', () => {
    const r = loadPenRegistry({ HOME: '/home/u' }, files({}));
    expect(r.registry.source).toBe('built-in');
    expect(r.registry.lookup(4753)).toBe('MontaVista Software, Inc.');
    expect(r.warnings).toEqual(['IANA PEN registry open failed: No such file or directory; using the built-in vendor table']);
  });

  it('a file without entries (ipmitool 1.8.19: fatal) also gives the built-in table', () => {
    const r = loadPenRegistry({}, files({ [SYSTEM_REGISTRY]: Buffer.from('<html>IANA moved this file</html>\n') }));
    expect(r.registry.source).toBe('built-in');
    expect(r.warnings[0]).toMatch(/has no entries/);
  });
});

describe('the built-in table', () => {
  const builtIn = builtInRegistry();
  it('covers the common BMC vendors', () => {
    for (const pen of [343, 674, 11, 47196, 10876, 2, 19046, 211, 9, 7244, 6569, 40092, 2011, 15370, 2623, 20974, 4753, 6653, 42, 111, 15000, 94]) {
      expect(builtIn.lookup(pen), String(pen)).toBeTypeOf('string');
    }
  });

  it.skipIf(NO_SYSTEM_REGISTRY)('spells every name exactly as the installed registry does', () => {
    const system = parsePenRegistry(readFileSync(SYSTEM_REGISTRY));
    const r = builtInRegistry();
    for (const pen of [2, 9, 11, 42, 94, 111, 343, 674, 2011, 4753, 10876, 19046, 47196, 58132]) expect(r.lookup(pen)).toBe(system.get(pen));
    expect(r.size).toBeGreaterThan(50);
  });
});

describe.skipIf(NO_SYSTEM_REGISTRY)('the installed registry (4.7 MB)', () => {
  it('loads in well under a second and names the simulator\'s vendor', () => {
    const t0 = performance.now();
    const { registry } = loadPenRegistry({}, readFileSync);
    const ms = performance.now() - t0;
    expect(registry.size).toBeGreaterThan(50000);
    expect(manufacturerLabel(registry, 4753)).toBe('MontaVista Software, Inc.');
    expect(ms).toBeLessThan(1000);
  });
});

describe('loadPenRegistryFor: only as much of the file as the lookup needs, asynchronously', () => {
  /** A prefix reader over `buf` that records how much it was asked for. */
  const prefixOf = (buf: Buffer) => {
    const asked: number[] = [];
    const read = async (_p: string, upTo: number): Promise<Uint8Array> => {
      asked.push(upTo);
      return buf.subarray(0, upTo);
    };
    return { read, asked };
  };
  /** The fixture padded past the first read, so that a prefix is not the whole file; entries after the padding too. */
  const big = Buffer.concat([fixture, Buffer.from(`${'#'.repeat(79)}\n`.repeat(6000)), Buffer.from('4753\n  Not the first\n999999\n  Late\n')]);

  it('finds what the whole file gives, for numbers early, late and absent', async () => {
    const whole = parsePenRegistry(big);
    for (const pen of [0, 343, 4753, 10876, 49769, 58132, 999999, 1234567, 7]) {
      const { registry } = await loadPenRegistryFor({}, pen, prefixOf(big).read);
      expect(registry.lookup(pen), String(pen)).toBe(whole.get(pen));
    }
  });

  it('an entry in the first read needs no more; a late one reads on, twice as much each time', async () => {
    const early = prefixOf(big);
    expect((await loadPenRegistryFor({}, 343, early.read)).registry.lookup(343)).toBe('Intel Corporation');
    expect(early.asked).toEqual([256 * 1024]);
    const late = prefixOf(big);
    expect((await loadPenRegistryFor({}, 999999, late.read)).registry.lookup(999999)).toBe('Late');
    expect(late.asked).toEqual([256 * 1024, 512 * 1024]); // the second read reaches the end of the file
  });

  it('a number ipmitool names itself needs only a first entry; other numbers beyond the part read are refused, not guessed', async () => {
    const r = prefixOf(big);
    const { registry } = await loadPenRegistryFor({}, 0xfffff, r.read);
    expect(r.asked).toEqual([256 * 1024]);
    expect(manufacturerLabel(registry, 0xfffff)).toBe('Unspecified');
    expect(registry.lookup(343)).toBe('Intel Corporation'); // in the part read
    expect(() => registry.lookup(999999)).toThrow(/read only as far as/);
    expect(() => registry.size).toThrow(RangeError);
  });

  it('an entry cut by the end of a read is not taken from the partial line', async () => {
    // 262080 bytes (one entry first, so the file is not empty), then the number line: its organisation
    // line crosses the first read's end (262144).
    const head = `0\n  Reserved\n${'#'.repeat(66)}\n${`${'#'.repeat(79)}\n`.repeat(3275)}`;
    const name = `MontaVista Software, Inc.${' and more'.repeat(8)}`;
    const buf = Buffer.from(`${head}4753\n  ${name}\n${'x\n'.repeat(200000)}`);
    const { read, asked } = prefixOf(buf);
    expect((await loadPenRegistryFor({}, 4753, read)).registry.lookup(4753)).toBe(name);
    expect(asked.length).toBe(2);
  });

  it('a file with no entry in its first read reads on to find one, else gives the built-in table', async () => {
    const late = Buffer.concat([Buffer.from(`${'#'.repeat(79)}\n`.repeat(4000)), Buffer.from('343\n  Late Intel\n')]);
    expect((await loadPenRegistryFor({}, 343, prefixOf(late).read)).registry.lookup(343)).toBe('Late Intel');
    const none = Buffer.from(`${'#'.repeat(79)}\n`.repeat(4000));
    const r = await loadPenRegistryFor({}, 343, prefixOf(none).read);
    expect(r.registry.source).toBe('built-in');
    expect(r.warnings).toEqual([`IANA PEN registry ${SYSTEM_REGISTRY} has no entries; using the built-in vendor table`]);
  });

  it("the user's file first; an unreadable one falls through; none gives the built-in table and ipmitool's message", async () => {
    const user = '/home/u/.local/usr/share/misc/enterprise-numbers.txt';
    const files =
      (map: Record<string, Buffer | string>) =>
      async (p: string, upTo: number): Promise<Uint8Array> => {
        const v = map[p] ?? 'ENOENT';
        if (typeof v === 'string') throw Object.assign(new Error(`${v}: ${p}`), { code: v });
        return v.subarray(0, upTo);
      };
    const mine = await loadPenRegistryFor({ HOME: '/home/u' }, 343, files({ [user]: Buffer.from('343\n  Mine\n'), [SYSTEM_REGISTRY]: fixture }));
    expect([mine.registry.source, mine.registry.lookup(343), mine.warnings]).toEqual([user, 'Mine', []]);
    const denied = await loadPenRegistryFor({ HOME: '/home/u' }, 4753, files({ [user]: 'EACCES', [SYSTEM_REGISTRY]: fixture }));
    expect([denied.registry.source, denied.registry.lookup(4753)]).toEqual([SYSTEM_REGISTRY, 'MontaVista Software, Inc.']);
    for (const [code, text] of [
      ['ENOENT', 'No such file or directory'],
      ['EACCES', 'Permission denied'],
      ['EISDIR', 'Is a directory'],
      ['ENOTDIR', 'Not a directory'],
      ['ELOOP', 'Too many levels of symbolic links'],
      ['EIO', 'EIO'],
    ]) {
      const r = await loadPenRegistryFor({ HOME: '/home/u' }, 4753, files({ [user]: 'ENOENT', [SYSTEM_REGISTRY]: code! }));
      expect(r.registry.source).toBe('built-in');
      expect(r.registry.lookup(4753)).toBe('MontaVista Software, Inc.');
      expect(r.warnings).toEqual([`IANA PEN registry open failed: ${text}; using the built-in vendor table`]);
    }
  });

  it.skipIf(NO_SYSTEM_REGISTRY)('the installed registry: the simulator\'s vendor in the first 512 KiB', async () => {
    const system = readFileSync(SYSTEM_REGISTRY);
    const { read, asked } = prefixOf(system);
    expect((await loadPenRegistryFor({}, 4753, read)).registry.lookup(4753)).toBe('MontaVista Software, Inc.');
    expect(asked).toEqual([256 * 1024, 512 * 1024]);
  });

  it.skipIf(NO_SYSTEM_REGISTRY)('with readFilePrefix (node:fs/promises), the names the whole file gives', async () => {
    const system = parsePenRegistry(readFileSync(SYSTEM_REGISTRY));
    for (const pen of [674, 10876, 19046, 20974, 47196, 58132, 99999999]) {
      expect((await loadPenRegistryFor({}, pen, readFilePrefix)).registry.lookup(pen), String(pen)).toBe(system.get(pen));
    }
  });
});
