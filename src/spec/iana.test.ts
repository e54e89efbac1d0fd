import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  builtInRegistry,
  loadPenRegistry,
  findInWindows,
  loadPenRegistryFor,
  manufacturerLabel,
  parsePenRegistry,
  registryPaths,
  SYSTEM_REGISTRY,
  type PenRegistry,
  type RegistryFile,
} from './iana.js';
import { haveFile, missing } from '../../test/support/peers.js';
import { openFile } from '../runtime/open-file.js';

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

/** A RegistryFile over `buf` that records the reads (offset, length) it was asked for. */
const fileOf = (buf: Buffer) => {
  const reads: [number, number][] = [];
  const file: RegistryFile = {
    read: async (into, position) => {
      reads.push([position, into.length]);
      const got = buf.subarray(position, position + into.length);
      into.set(got);
      return got.length;
    },
    close: async () => undefined,
  };
  return { file, reads, open: async (_p: string) => file };
};

describe('findInWindows: the byte search through one window gives what the line-by-line scan gives', () => {
  const tricky = [
    '4753\n  First\n',
    '\n4753\n  Second\n',
    '1\n4753\n  Not this\n4753\n  This\n',
    '4753\n   Three spaces\n4753\n  Two\n',
    '04753\n  Zero-padded\n4753\n  Plain\n',
    '4753\n  Plain\n04753\n  Zero-padded after\n',
    '47530\n  Longer\n4753x\n  Suffixed\n',
    'x\n4753',
    'x\n4753\n',
    '4753\r\n  Windows\r\n',
    '4753\n  Cut\0here\n',
    '#\n4753\n  \n',
    `${'#'.repeat(40)}\n0\n  Zero\n${'y'.repeat(30)}\n4753\n  After a long line\n`,
  ];
  /** Whether the window is sure; where it is, its answer is the whole file's. */
  const agree = async (buf: Buffer, pen: number, size: number): Promise<boolean> => {
    const got = await findInWindows(fileOf(buf).file, pen, size);
    if (got === 'unsure') return false;
    expect(got?.name, `${pen} in ${JSON.stringify(buf.toString().slice(0, 60))}, window ${size}`).toBe(parsePenRegistry(buf).get(pen));
    return true;
  };

  it('the cases the search must get right, through windows of every size from 8 bytes', async () => {
    let sure = 0;
    let all = 0;
    for (const text of tricky) {
      for (let size = 8; size <= 80; size++) {
        for (const pen of [4753, 47530, 1, 0]) {
          if (await agree(Buffer.from(text), pen, size)) sure++;
          all++;
        }
      }
    }
    expect(sure / all).toBeGreaterThan(0.5); // the cases above were decided, not only skipped
  });

  it('every number of the fixture, and numbers it lacks, through small and large windows', async () => {
    for (const size of [24, 37, 64, 100, 256, 64 * 1024]) {
      let sure = 0;
      for (let pen = 0; pen < 70000; pen += pen < 1000 ? 7 : 311) sure += +(await agree(fixture, pen, size));
      // The fixture's header lines (~79 bytes) fill windows under three lines long: those are unsure.
      if (size >= 256) expect(sure, `window ${size}`).toBe(365);
      for (const pen of [4753, 10876, 10877, 20000, 20001, 32473, 40000, 49769, 58132, 77777, 12345]) await agree(fixture, pen, size);
    }
  });

  it('is sure where findEntry is: plain entries, an entry after an invalid one, the end of the file', async () => {
    expect(await findInWindows(fileOf(fixture).file, 4753, 160)).toEqual({ name: 'MontaVista Software, Inc.' });
    expect(await findInWindows(fileOf(Buffer.from(tricky[3]!)).file, 4753, 40)).toEqual({ name: 'Two' });
    expect(await findInWindows(fileOf(Buffer.from('4753\n  unsure\n')).file, 4753)).toEqual({ name: 'unsure' }); // a name, not the answer
    expect(await findInWindows(fileOf(Buffer.from('1\n  One\n2\n  Two\n')).file, 3, 8)).toBeUndefined();
    expect(await findInWindows(fileOf(Buffer.from(tricky[0]!)).file, -1)).toBe('unsure');
  });

  it('unsure where findEntry is (a zero-padded number before, a number line before), or where the lines to keep fill the window', async () => {
    expect(await findInWindows(fileOf(Buffer.from(tricky[4]!)).file, 4753, 10)).toBe('unsure');
    expect(await findInWindows(fileOf(Buffer.from(tricky[2]!)).file, 4753, 10)).toBe('unsure');
    expect(await findInWindows(fileOf(Buffer.from(`${'z'.repeat(100)}\n4753\n  Far\n`)).file, 4753, 32)).toBe('unsure');
    expect(await findInWindows(fileOf(Buffer.from(`${'z'.repeat(100)}\n4753\n  Far\n`)).file, 4753, 128)).toEqual({ name: 'Far' });
  });

  it.skipIf(NO_SYSTEM_REGISTRY)('the installed registry: the simulator\'s vendor in six windows of 64 KiB, one buffer', async () => {
    const { file, reads } = fileOf(readFileSync(SYSTEM_REGISTRY));
    expect(await findInWindows(file, 4753)).toEqual({ name: 'MontaVista Software, Inc.' });
    expect(reads.length).toBe(6);
    expect(reads[0]).toEqual([0, 64 * 1024]);
    expect(Math.max(...reads.map(([, n]) => n))).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('loadPenRegistryFor: only as much of the file as the lookup needs, asynchronously', () => {
  /** The fixture padded past the first prefix, so that a prefix is not the whole file; entries after the padding too. */
  const big = Buffer.concat([fixture, Buffer.from(`${'#'.repeat(79)}\n`.repeat(6000)), Buffer.from('4753\n  Not the first\n999999\n  Late\n')]);

  it('finds what the whole file gives, for numbers early, late and absent', async () => {
    const whole = parsePenRegistry(big);
    for (const pen of [0, 343, 4753, 10876, 49769, 58132, 999999, 1234567, 7]) {
      const { registry } = await loadPenRegistryFor({}, pen, fileOf(big).open);
      expect(registry.lookup(pen), String(pen)).toBe(whole.get(pen));
    }
  });

  it('an entry found through the window reads no further; an absent one reads prefixes, twice as long each time', async () => {
    const early = fileOf(big);
    expect((await loadPenRegistryFor({}, 343, early.open)).registry.lookup(343)).toBe('Intel Corporation');
    expect(early.reads).toEqual([[0, 64 * 1024]]);
    const absent = fileOf(big);
    expect((await loadPenRegistryFor({}, 1234567, absent.open)).registry.lookup(1234567)).toBeUndefined();
    const prefixes = absent.reads.filter(([at]) => at === 0).map(([, n]) => n);
    expect(prefixes).toEqual([64 * 1024, 256 * 1024, 512 * 1024]); // the window, then prefixes to the end of the file
  });

  it('a number ipmitool names itself needs only a first entry; other numbers beyond the part read are refused, not guessed', async () => {
    const r = fileOf(big);
    const { registry } = await loadPenRegistryFor({}, 0xfffff, r.open);
    expect(r.reads).toEqual([[0, 256 * 1024]]);
    expect(manufacturerLabel(registry, 0xfffff)).toBe('Unspecified');
    expect(registry.lookup(343)).toBe('Intel Corporation'); // in the part read
    expect(() => registry.lookup(999999)).toThrow(/read only as far as/);
    expect(() => registry.size).toThrow(RangeError);
  });

  it('an entry found through the window answers only its own number', async () => {
    const { registry } = await loadPenRegistryFor({}, 4753, fileOf(big).open);
    expect(registry.lookup(4753)).toBe('MontaVista Software, Inc.');
    expect(() => registry.lookup(343)).toThrow(/read only as far as the entry for 4753/);
  });

  it('an entry cut by the end of a prefix is not taken from the partial line', async () => {
    // 262080 bytes (a line longer than the window first, so the window is unsure), then the number
    // line: its organisation line crosses the first prefix's end (262144).
    const head = `0\n  Reserved\n${'#'.repeat(70000)}\n${'#'.repeat(65)}\n${`${'#'.repeat(79)}\n`.repeat(2400)}`;
    expect(head.length).toBe(262080);
    const name = `MontaVista Software, Inc.${' and more'.repeat(8)}`;
    const buf = Buffer.from(`${head}4753\n  ${name}\n${'x\n'.repeat(200000)}`);
    const { open, reads } = fileOf(buf);
    expect((await loadPenRegistryFor({}, 4753, open)).registry.lookup(4753)).toBe(name);
    expect(reads.filter(([at]) => at === 0).map(([, n]) => n)).toEqual([64 * 1024, 256 * 1024, 512 * 1024]);
  });

  it('a file with no entry early reads on to find one, else gives the built-in table', async () => {
    const late = Buffer.concat([Buffer.from(`${'#'.repeat(79)}\n`.repeat(4000)), Buffer.from('343\n  Late Intel\n')]);
    expect((await loadPenRegistryFor({}, 343, fileOf(late).open)).registry.lookup(343)).toBe('Late Intel');
    const none = Buffer.from(`${'#'.repeat(79)}\n`.repeat(4000));
    const r = await loadPenRegistryFor({}, 343, fileOf(none).open);
    expect(r.registry.source).toBe('built-in');
    expect(r.warnings).toEqual([`IANA PEN registry ${SYSTEM_REGISTRY} has no entries; using the built-in vendor table`]);
  });

  it("the user's file first; one that cannot be opened or read falls through; none gives the built-in table and ipmitool's message", async () => {
    const user = '/home/u/.local/usr/share/misc/enterprise-numbers.txt';
    const closed: string[] = [];
    const files =
      (map: Record<string, Buffer | string>, failAt: 'open' | 'read' = 'open') =>
      async (p: string): Promise<RegistryFile> => {
        const v = map[p] ?? 'ENOENT';
        const fail = typeof v === 'string' ? Object.assign(new Error(`${v}: ${p}`), { code: v }) : undefined;
        if (fail && failAt === 'open') throw fail;
        return {
          read: async (into, position) => {
            if (fail) throw fail;
            const got = (v as Buffer).subarray(position, position + into.length);
            into.set(got);
            return got.length;
          },
          close: async () => void closed.push(p),
        };
      };
    const mine = await loadPenRegistryFor({ HOME: '/home/u' }, 343, files({ [user]: Buffer.from('343\n  Mine\n'), [SYSTEM_REGISTRY]: fixture }));
    const missing = async (p: string): Promise<RegistryFile | undefined> => (p === user ? undefined : fileOf(fixture).file);
    const sys = await loadPenRegistryFor({ HOME: '/home/u' }, 4753, missing);
    expect([sys.registry.source, sys.registry.lookup(4753)]).toEqual([SYSTEM_REGISTRY, 'MontaVista Software, Inc.']);
    const none = await loadPenRegistryFor({ HOME: '/home/u' }, 4753, async () => undefined);
    expect(none.warnings).toEqual(['IANA PEN registry open failed: No such file or directory; using the built-in vendor table']);
    expect([mine.registry.source, mine.registry.lookup(343), mine.warnings]).toEqual([user, 'Mine', []]);
    const denied = await loadPenRegistryFor({ HOME: '/home/u' }, 4753, files({ [user]: 'EACCES', [SYSTEM_REGISTRY]: fixture }));
    expect([denied.registry.source, denied.registry.lookup(4753)]).toEqual([SYSTEM_REGISTRY, 'MontaVista Software, Inc.']);
    closed.length = 0;
    const dir = await loadPenRegistryFor({ HOME: '/home/u' }, 4753, files({ [user]: 'EISDIR', [SYSTEM_REGISTRY]: fixture }, 'read'));
    expect([dir.registry.source, closed]).toEqual([SYSTEM_REGISTRY, [user, SYSTEM_REGISTRY]]); // each file opened is closed
    for (const failAt of ['open', 'read'] as const) {
      for (const [code, text] of [
        ['ENOENT', 'No such file or directory'],
        ['EACCES', 'Permission denied'],
        ['EISDIR', 'Is a directory'],
        ['ENOTDIR', 'Not a directory'],
        ['ELOOP', 'Too many levels of symbolic links'],
        ['EIO', 'EIO'],
      ]) {
        const r = await loadPenRegistryFor({ HOME: '/home/u' }, 4753, files({ [user]: 'ENOENT', [SYSTEM_REGISTRY]: code! }, failAt));
        expect(r.registry.source).toBe('built-in');
        expect(r.registry.lookup(4753)).toBe('MontaVista Software, Inc.');
        expect(r.warnings).toEqual([`IANA PEN registry open failed: ${text}; using the built-in vendor table`]);
      }
    }
  });

  it.skipIf(NO_SYSTEM_REGISTRY)('with openFile (node:fs/promises), the names the whole file gives', async () => {
    const system = parsePenRegistry(readFileSync(SYSTEM_REGISTRY));
    for (const pen of [674, 4753, 10876, 19046, 20974, 47196, 58132, 99999999]) {
      expect((await loadPenRegistryFor({}, pen, openFile)).registry.lookup(pen), String(pen)).toBe(system.get(pen));
    }
  });
});
