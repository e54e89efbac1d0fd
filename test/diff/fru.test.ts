/**
 * fru print / read / write through ipmitool and ipmits on the same simulator (FRU 0 and
 * FRU 1 behind the FRU device locator, every area, BCD plus, 6-bit ASCII and binary
 * fields): stdout and stderr byte for byte. Writes go to a simulator of their own and
 * are read back with ipmitool. Deliberate differences are asserted as such
 * (docs/compatibility.md, "fru").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { both, conn, expectSame, normalize, type Iface } from '../support/diff.js';
import { runIpmits, runIpmitool, utf8 } from '../support/run.js';
import { useSim } from '../support/use-sim.js';
import { FRU0, FRU1, fruImage, FRU_SIZE } from '../sim/sim.js';
import { buildFru } from '../sim/simlib.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ipmits-fru-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const READS: string[][] = [
  ['fru'],
  ['fru', 'print'],
  ['fru', 'list'],
  ['fru', 'print', '0'],
  ['fru', 'print', '1'],
  ['fru', 'print', '0x01'],
  ['fru', 'print', '1', 'extra'],
  ['fru', 'list', '0'],
];

/** ipmitool -v also prints its own diagnostics on stderr (IANA registry, VSO probe): stdout only. */
const VERBOSE: string[][] = [
  ['-v', 'fru'],
  ['-v', 'fru', 'print', '0'],
  ['-v', 'fru', 'print', '1'],
];

const USAGE: string[][] = [
  ['fru', 'help'],
  ['fru', 'print', 'help'],
  ['fru', 'list', 'help'],
  ['fru', 'read', 'help'],
  ['fru', 'write', 'help'],
  ['fru', 'read'],
  ['fru', 'read', '0'],
  ['fru', 'write'],
  ['fru', 'write', '1'],
  ['fru', 'bogus'],
  ['fru', 'print', 'abc'],
  ['fru', 'print', '256'],
  ['fru', 'read', 'x', '/tmp/x'],
  ['fru', 'write', '300', '/tmp/x'],
  ['fru', 'edit'],
  ['fru', 'edit', 'help'],
  ['fru', 'edit', '0', 'field', 'p'],
  ['fru', 'edit', '0', 'bogus'],
  ['fru', 'edit', 'x', 'field', 'p', '1', 'y'],
];

describe('reads', () => {
  const simulator = useSim();

  describe.each<Iface>(['lanplus', 'lan'])('over %s', (iface) => {
    it.each(READS)('%s %s %s %s', async (...args) => {
      expectSame(await both([...conn(simulator(), iface), ...args]));
    });

    it.each(VERBOSE)('%s %s %s %s (stdout)', async (...args) => {
      const p = await both([...conn(simulator(), iface), ...args]);
      expectSame(p, { stderr: false });
      expect(p.ours.stdout).toContain(' DC Output Record\n');
    });

    it('absent device: " Device not present (...)" and a failure', async () => {
      expectSame(await both([...conn(simulator(), iface), 'fru', 'print', '5']));
    });

    it('fru read: the same file and lines', async () => {
      const [a, b] = [path.join(tmp, `${iface}-theirs.bin`), path.join(tmp, `${iface}-ours.bin`)];
      const theirs = await runIpmitool([...conn(simulator(), iface), 'fru', 'read', '1', a]);
      const ours = await runIpmits([...conn(simulator(), iface), 'fru', 'read', '1', b]);
      expect(ours).toMatchObject({ code: 0, stdout: theirs.stdout, stderr: theirs.stderr });
      expect(ours.stdout).toBe(`Fru Size         : ${FRU_SIZE} bytes\nDone\n`);
      expect(fs.readFileSync(b)).toEqual(fs.readFileSync(a));
      expect(fs.readFileSync(b)).toEqual(fruImage(FRU1));
      const v = await both([...conn(simulator(), iface), '-v', 'fru', 'read', '0', path.join(tmp, 'v.bin')]);
      expectSame(v, { stderr: false });
    });
  });

  it.each(USAGE)('usage: %s %s %s %s', async (...args) => {
    expectSame(await both([...conn(simulator(), 'lanplus'), ...args]));
  });

  it('Board Mfg Date in the process time zone (TZ) and its abbreviation', async () => {
    const args = [...conn(simulator(), 'lanplus'), 'fru', 'print', '0'];
    const env = { env: { TZ: 'America/New_York' } };
    const [theirs, ours] = [await runIpmitool(args, env), await runIpmits(args, env)];
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toBe(fs.readFileSync(new URL('../unit/golden/fru/print-0-new-york.txt', import.meta.url), 'latin1'));
  });

  it('a request size the BMC refuses is retried smaller (ipmi_sim returns C8h above 34 bytes)', async () => {
    const args = [...conn(simulator(), 'lanplus'), '-v', 'fru', 'print', '1'];
    const ours = await runIpmits(args, { env: { IPMITS_FRU_CHUNK: '255' } });
    const theirs = await runIpmitool(args);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stderr).toContain('Retrying FRU read with request size 64\n');
    expect(ours.stderr).toContain('Retrying FRU read with request size 32\n');
  });

  it('fixed: fru read of an absent device fails (ipmitool prints nothing and exits 0)', async () => {
    const p = await both([...conn(simulator(), 'lanplus'), 'fru', 'read', '5', path.join(tmp, 'absent.bin')]);
    expect(p.theirs).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(p.ours.code).not.toBe(0);
    expect(p.ours.stdout).toBe('');
    expect(p.ours.stderr).toBe('Unable to read FRU 5: Get FRU Inventory Area Info failed: Invalid data field in request\n');
    expect(fs.existsSync(path.join(tmp, 'absent.bin'))).toBe(false);
  });

  it('fixed: an unwritable file fails (same message as ipmitool, which exits 0)', async () => {
    expectSame(await both([...conn(simulator(), 'lanplus'), 'fru', 'read', '0', '/nonexistent/dir/f.bin']), { exit: 'fixed' });
  });

  it('--json: areas as nested objects', async () => {
    const r = await runIpmits([...conn(simulator(), 'lanplus'), '--json', 'fru']);
    expect(r.code).toBe(0);
    // biome-ignore lint/suspicious/noExplicitAny: the test walks the JSON document by its documented field names.
    const doc = JSON.parse(r.stdout) as Record<string, any>[];
    expect(doc.map((d) => [d.id, d.description, d.status])).toEqual([
      [0, 'Builtin FRU Device (ID 0)', 'ok'],
      [1, 'PSU1 FRU (ID 1)', 'ok'],
    ]);
    const [f0, f1] = doc;
    expect(f0!.board.mfgDate).toBe('2023-06-01T10:00:00.000Z');
    expect(f0!.product.assetTag).toEqual({ value: 'ASSET-0042', encoding: 'text', raw: Buffer.from('ASSET-0042').toString('hex') });
    expect(f0!.multiRecords.map((m: { typeName: string; decoded?: { kind: string } }) => [m.typeName, m.decoded?.kind])).toEqual([
      ['DC Output', 'dcOutput'],
      ['OEM', 'oem'],
    ]);
    expect(f1!.chassis.custom[0]).toEqual({ value: '2022-11.15', encoding: 'bcdplus', raw: '2022b11c15' });
    expect(f1!.board.custom[0]).toMatchObject({ value: 'PSU REV 3', encoding: 'ascii6' });
    expect(f1!.product.custom[0]).toMatchObject({ value: 'cafe01', encoding: 'binary' });
    expect(f1!.locator).toMatchObject({ accessAddress: 0x20, deviceType: 0x10, entityId: 0x0a, entityInstance: 1 });
    expect(f1!.multiRecords[0].decoded).toMatchObject({ kind: 'powerSupply', capacity: 800 });
    expect(f1!.problems).toEqual([]);
  });
});

describe('writes (a simulator of their own)', () => {
  const simulator = useSim({ seedSel: false });
  const c = (): string[] => conn(simulator(), 'lanplus');

  const FRU0_OFFSETS = { chassis: fruImage(FRU0)[2]! * 8, product: fruImage(FRU0)[4]! * 8 };

  /** FRU 0 with other product data. */
  const changed = buildFru({ ...FRU0, product: { ...FRU0.product, asset: 'WRITTEN-BY-IPMITS', serial: 'SN-NEW-42' } });

  it('fru write: ipmitool reads back what ipmits wrote, and prints it', async () => {
    const file = path.join(tmp, 'changed.bin');
    fs.writeFileSync(file, changed);
    const ours = await runIpmits([...c(), 'fru', 'write', '0', file]);
    expect(ours).toMatchObject({ code: 0, stderr: '' });
    expect(ours.stdout).toBe(`Fru Size         : ${FRU_SIZE} bytes\nSize to Write    : ${changed.length} bytes\n`);
    const back = path.join(tmp, 'back.bin');
    expect((await runIpmitool([...c(), 'fru', 'read', '0', back])).code).toBe(0);
    expect(fs.readFileSync(back).subarray(0, changed.length)).toEqual(changed);
    const print = await both([...c(), 'fru', 'print', '0']);
    expectSame(print);
    expect(print.theirs.stdout).toContain(' Product Asset Tag     : WRITTEN-BY-IPMITS\n');
  });

  it('fru write: the same lines as ipmitool, and each reads back what the other wrote', async () => {
    const file = path.join(tmp, 'fru1.bin');
    fs.writeFileSync(file, fruImage(FRU1));
    const theirs = await runIpmitool([...c(), 'fru', 'write', '0', file]);
    const ours = await runIpmits([...c(), 'fru', 'write', '0', file]);
    expect(ours).toMatchObject({ code: 0, stdout: theirs.stdout, stderr: normalize(theirs.stderr) });
    const back = path.join(tmp, 'back1.bin');
    await runIpmitool([...c(), 'fru', 'read', '0', back]);
    expect(fs.readFileSync(back)).toEqual(fruImage(FRU1));
    expectSame(await both([...c(), '-v', 'fru', 'write', '0', file]), { stderr: false });
  });

  it('fixed: damaged FRU data is refused before anything is sent (ipmitool writes it)', async () => {
    const good = path.join(tmp, 'good.bin');
    fs.writeFileSync(good, changed);
    await runIpmits([...c(), 'fru', 'write', '0', good]);
    const bad = Buffer.from(changed);
    const chassisEnd = bad[2]! * 8 + bad[bad[2]! * 8 + 1]! * 8;
    bad[chassisEnd - 1]! ^= 0xff; // the chassis area's checksum byte
    const file = path.join(tmp, 'bad.bin');
    fs.writeFileSync(file, bad);
    const ours = await runIpmits([...c(), 'fru', 'write', '0', file]);
    expect(ours.code).not.toBe(0);
    expect(ours.stdout).toBe('');
    expect(ours.stderr).toMatch(
      new RegExp(
        `^${file}: not written: the FRU data is damaged \\(chassis info area at offset 24: checksum is wrong \\(0x[0-9a-f]{2}, expected 0x[0-9a-f]{2}\\)\\)\\n$`,
      ),
    );
    const back = path.join(tmp, 'unchanged.bin');
    await runIpmitool([...c(), 'fru', 'read', '0', back]);
    expect(fs.readFileSync(back).subarray(0, changed.length)).toEqual(changed);

    // ipmitool writes it; printing it, ipmits reports the bad checksum on stderr and fails (ipmitool says nothing, exits 0).
    expect((await runIpmitool([...c(), 'fru', 'write', '0', file])).code).toBe(0);
    const p = await both([...c(), 'fru', 'print', '0']);
    expect(p.ours.stdout).toBe(p.theirs.stdout);
    expect(p.theirs.stderr).toBe('');
    expect(p.ours.stderr).toMatch(
      /^FRU 0: chassis info area at offset 24: checksum is wrong \(0x[0-9a-f]{2}, expected 0x[0-9a-f]{2}\)\nFRU data failed its checks \(checksum or layout\): FRU 0\n$/,
    );
    expect(p.ours.code).toBe(5);
  });

  /** ipmits' last stderr line after FRU data that fails its checks (exit 5; ipmitool exits 0). */
  const DAMAGED = 'FRU data failed its checks (checksum or layout): FRU 0\n';

  /** FRU 0's image with a defect, written by ipmitool (which writes anything). */
  async function writeDamaged(change: (b: Buffer) => void): Promise<void> {
    const b = Buffer.from(fruImage(FRU0));
    change(b);
    const file = path.join(tmp, 'damaged.bin');
    fs.writeFileSync(file, b);
    expect((await runIpmitool([...c(), 'fru', 'write', '0', file])).code).toBe(0);
  }

  it('malformed FRU data: one clear line each, never a crash', async () => {
    // A blank device: ipmitool's message and exit status.
    await writeDamaged((b) => b.fill(0xff));
    expectSame(await both([...c(), 'fru', 'print', '0']));

    // An area longer than the device: the same fields; ipmits says why on stderr.
    await writeDamaged((b) => (b[b[4]! * 8 + 1] = 0xff));
    let p = await both([...c(), 'fru', 'print', '0']);
    expect(p.ours.stdout).toBe(p.theirs.stdout);
    expect(p.ours.stdout).toContain(' Product Asset Tag     : ASSET-0042\n');
    expect(p.ours.stderr).toBe(`FRU 0: product info area at offset ${FRU0_OFFSETS.product}: its 2040 bytes run past the end of the 512-byte FRU\n${DAMAGED}`);

    // An area offset past the end (header checksum fixed).
    await writeDamaged((b) => {
      b[3] = 0x70;
      b[7] = (0x100 - (b.subarray(0, 7).reduce((x, y) => x + y, 0) & 0xff)) & 0xff;
    });
    p = await both([...c(), 'fru', 'print', '0']);
    expect(p.ours.stdout).toBe(p.theirs.stdout);
    expect(p.ours.stderr).toBe(`FRU 0: board info area: offset 896 is past the end of the 512-byte FRU\n${DAMAGED}`);

    // A field that runs over its area: ipmitool prints the bytes after it (and beyond the area);
    // ipmits stops there and says so.
    await writeDamaged((b) => (b[b[2]! * 8 + 3] = 0xff));
    p = await both([...c(), 'fru', 'print', '0']);
    expect(p.theirs.stdout).toContain(' Chassis Part Number   : CH-4711-01');
    expect(p.ours.stdout).toBe(p.theirs.stdout.replace(/^ Chassis (Part Number|Serial|Extra) .*\n/gm, ''));
    const chassis = FRU0_OFFSETS.chassis;
    expect(p.ours.stderr).toMatch(
      new RegExp(
        `^FRU 0: chassis info area at offset ${chassis}: checksum is wrong \\(0x..\\, expected 0x..\\)\nFRU 0: chassis info area at offset ${chassis}: the chassis part number field at offset ${chassis + 3} \\(63 bytes\\) runs past the end of the area at offset \\d+\n${DAMAGED.replace(/[()]/g, '\\$&')}$`,
      ),
    );
    expect(p.ours.code).toBe(5);
  });

  it('Latin-1 text is printed as UTF-8 (ipmitool writes the raw byte)', async () => {
    const file = path.join(tmp, 'latin1.bin');
    fs.writeFileSync(file, buildFru({ ...FRU0, product: { ...FRU0.product, asset: 'Caf\u00e9' } }));
    expect((await runIpmits([...c(), 'fru', 'write', '0', file])).code).toBe(0);
    const p = await both([...c(), 'fru', 'print', '0']);
    // run.ts reads both outputs as Latin-1: ipmitool's E9h is "é", ipmits's C3h A9h is "Ã©".
    expect(p.theirs.stdout).toContain(' Product Asset Tag     : Caf\u00e9\n');
    expect(utf8(p.ours.stdout)).toBe(p.theirs.stdout);
  });

  it('fru edit, same length: the same line as ipmitool, each reads back the other', async () => {
    const file = path.join(tmp, 'edit.bin');
    fs.writeFileSync(file, fruImage(FRU0));
    await runIpmits([...c(), 'fru', 'write', '0', file]);
    const ours = await runIpmits([...c(), 'fru', 'edit', '0', 'field', 'p', '5', 'ASSET-0043']);
    expect(ours).toMatchObject({ code: 0, stdout: "Updating Field 'ASSET-0042' with 'ASSET-0043' ...\n", stderr: '' });
    expect((await runIpmitool([...c(), 'fru', 'print', '0'])).stdout).toContain(' Product Asset Tag     : ASSET-0043\n');
    const theirs = await runIpmitool([...c(), 'fru', 'edit', '0', 'field', 'product', '5', 'ASSET-0044']);
    expect(theirs.stdout).toBe("Updating Field 'ASSET-0043' with 'ASSET-0044' ...\n");
    const again = await both([...c(), 'fru', 'edit', '0', 'field', 'p', '5', 'ASSET-0044']);
    expectSame(again);
    expectSame(await both([...c(), '-v', 'fru', 'edit', '0', 'field', 'c', '0', 'CH-4711-01']), { stderr: false });
    expectSame(await both([...c(), 'fru', 'edit', '5', 'field', 'p', '1', 'x']));
  });

  it('fru edit, another length: the area is rebuilt, later areas move; ipmitool reads it all back', async () => {
    const file = path.join(tmp, 'edit2.bin');
    fs.writeFileSync(file, fruImage(FRU0));
    await runIpmits([...c(), 'fru', 'write', '0', file]);
    const ours = await runIpmits([...c(), 'fru', 'edit', '0', 'field', 'b', '0', 'A Much Longer Manufacturer Name']);
    expect(ours).toMatchObject({ code: 0, stdout: 'String size are not equal, resizing fru to fit new string\n', stderr: '' });
    const p = await both([...c(), '-v', 'fru', 'print', '0']);
    expectSame(p, { stderr: false });
    expect(p.theirs.stdout).toContain(' Board Mfg             : A Much Longer Manufacturer Name\n');
    // Everything else as in the original image, multi-records included.
    const original = buildFru(FRU0);
    fs.writeFileSync(file, original);
    await runIpmits([...c(), 'fru', 'write', '0', file]);
    const before = (await runIpmitool([...c(), '-v', 'fru', 'print', '0'])).stdout;
    expect(p.theirs.stdout.replace(' Board Mfg             : A Much Longer Manufacturer Name\n', ' Board Mfg             : ipmits Labs\n')).toBe(before);
  });

  it('not implemented: fru upgEkey, internaluse, get (one line, exit 2)', async () => {
    for (const verb of ['upgEkey', 'internaluse', 'get']) {
      const r = await runIpmits([...c(), 'fru', verb, '0', 'x']);
      expect(r).toMatchObject({ code: 2, stdout: '', stderr: `fru ${verb} is not supported by ipmits\n` });
    }
  });

  it('fixed: a missing file fails (ipmitool prints the same line and exits 0)', async () => {
    expectSame(await both([...c(), 'fru', 'write', '0', path.join(tmp, 'missing.bin')]), { exit: 'fixed' });
  });
});
