/**
 * Golden tests: the reply bytes ipmi_sim sent (`ipmitool raw`) → our decoders and
 * renderers → exactly the text ipmitool 1.8.19 printed for the same BMC. Both come
 * from test/unit/golden/mc (cases.tsv lists name, TZ, ipmitool arguments, raw command,
 * reply bytes; <name>.txt is ipmitool's stdout). Where no simulator can produce the
 * bytes, the expected text is built from ipmitool's printf formats (lib/ipmi_mc.c).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { getDeviceId } from '../ipmi/cmds/app/get-device-id.js';
import { getSystemGuid } from '../ipmi/cmds/app/get-system-guid.js';
import { getWatchdogTimer } from '../ipmi/cmds/app/get-watchdog-timer.js';
import { getBmcGlobalEnables } from '../ipmi/cmds/app/get-bmc-global-enables.js';
import { viewDeviceId } from '../commands/mc/info.js';
import { parseGuid, type GuidMode } from '../commands/mc/guid-decode.js';
import { viewWatchdog } from '../commands/mc/watchdog.js';
import { viewSelfTest } from '../commands/mc/selftest.js';
import { MC_HELP } from '../commands/mc/index.js';
import { RESET_USAGE } from '../commands/mc/reset.js';
import { WATCHDOG_HELP } from '../commands/mc/watchdog.js';
import { SYSINFO_HELP } from '../commands/mc/sysinfo.js';
import { builtInRegistry } from '../spec/iana.js';
import { renderers } from './mc.js';
import type { RenderOptions, Renderer } from './types.js';

const GOLDEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/unit/golden/mc');
const golden = (name: string): string => readFileSync(path.join(GOLDEN, `${name}.txt`), 'utf8');
const cases = readFileSync(path.join(GOLDEN, 'cases.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => {
    const [name, tz, args, rawCmd, reply] = l.split('\t') as [string, string, string, string, string];
    return { name, tz, args: args.split(' '), rawCmd, reply: Buffer.from(reply.replace(/ /g, ''), 'hex') };
  });

/** The year the captures were made in decides nothing here: no capture is near "now". */
const NOW = Date.UTC(2026, 10, 24);
const opts = (utc = false): RenderOptions => ({ verbose: 0, utc, color: false });
type Kind = keyof typeof renderers;
const renderer = (kind: Kind): Renderer<unknown> => renderers[kind] as Renderer<unknown>;
const text = (kind: Kind, data: unknown, o: RenderOptions = opts()): string => renderer(kind).text(data, o);
const json = (kind: Kind, data: unknown): unknown => renderer(kind).json!(data, opts());

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('mc info', () => {
  it.each(cases.filter((c) => c.args.join(' ') === 'mc info'))('$name', (c) => {
    const view = viewDeviceId(getDeviceId.decode(c.reply), builtInRegistry());
    expect(text('mc.info', view)).toBe(golden(c.name));
  });

  it('a reply without the aux bytes prints no "Aux Firmware Rev Info"; bit 7 of byte 3 = not available', () => {
    const view = viewDeviceId(getDeviceId.decode(Buffer.from('2083923351017c2a000100', 'hex')), builtInRegistry());
    expect(text('mc.info', view)).toBe(
      [
        'Device ID                 : 32',
        'Device Revision           : 3',
        'Firmware Revision         : 18.33',
        'IPMI Version              : 1.5',
        'Manufacturer ID           : 10876',
        'Manufacturer Name         : Super Micro Computer Inc.',
        'Product ID                : 1 (0x0001)',
        'Product Name              : X8DT3/i/-LN4',
        'Device Available          : no',
        'Provides Device SDRs      : yes',
        'Additional Device Support :',
        '    Sensor Device',
        '',
      ].join('\n'),
    );
  });

  it('--json', () => {
    const view = viewDeviceId(getDeviceId.decode(cases.find((c) => c.name === 'info-montavista')!.reply), builtInRegistry());
    expect(json('mc.info', view)).toEqual({
      deviceId: 32,
      deviceRevision: 3,
      firmwareRevision: '2.45',
      ipmiVersion: '2.0',
      manufacturerId: 4753,
      manufacturerName: 'MontaVista Software, Inc.',
      productId: 0x5253,
      productName: null,
      deviceAvailable: true,
      providesDeviceSdrs: false,
      additionalDeviceSupport: ['Sensor Device', 'SDR Repository Device', 'SEL Device', 'FRU Inventory Device', 'IPMB Event Receiver', 'Chassis Device'],
      auxFirmwareRevision: '00000000',
    });
  });
});

describe('mc guid', () => {
  it.each(cases.filter((c) => c.args.includes('guid')))('$name ($tz, $args)', (c) => {
    process.env.TZ = c.tz;
    const words = c.args.filter((a) => a !== '-Z');
    const mode = (words[2] === 'rfc' ? 'rfc4122' : (words[2] ?? 'auto')) as GuidMode;
    const g = parseGuid(getSystemGuid.decode(c.reply), mode, NOW);
    expect(text('mc.guid', g, opts(c.args.includes('-Z')))).toBe(golden(c.name));
  });

  it('--json', () => {
    const raw = cases.find((c) => c.name === 'guid-time-ipmi-auto')!.reply;
    expect(json('mc.guid', parseGuid(raw, 'auto', NOW))).toEqual({
      guid: '12121000-0063-11ee-8123-0a1b2c3d4e5f',
      encoding: 'ipmi',
      version: 1,
      versionName: 'Time-based',
      timestamp: '2023-06-01T10:00:00.000Z',
      raw: raw.toString('hex'),
    });
    expect(json('mc.guid', parseGuid(Buffer.alloc(16), 'auto', NOW))).toEqual({
      guid: null,
      encoding: 'dump',
      version: null,
      versionName: null,
      timestamp: null,
      raw: '00'.repeat(16),
    });
  });
});

describe('mc watchdog get', () => {
  // ipmi_sim sends 6 of the 8 bytes: ipmitool prints a stale buffer as "Present Countdown",
  // ipmits says N/A. Every other line is ipmitool's.
  it.each(cases.filter((c) => c.args.join(' ') === 'mc watchdog get'))('$name', (c) => {
    const ours = text('mc.watchdog.get', viewWatchdog(getWatchdogTimer.decode(c.reply))).split('\n');
    const theirs = golden(c.name).split('\n');
    expect(ours.length).toBe(theirs.length);
    expect(ours.filter((l) => !l.startsWith('Present Countdown:'))).toEqual(theirs.filter((l) => !l.startsWith('Present Countdown:')));
    expect(ours).toContain('Present Countdown:      N/A');
  });

  it("all 8 bytes, expired flags listed (ipmitool's format)", () => {
    const w = viewWatchdog(getWatchdogTimer.decode(Buffer.from('c423 0a 3e b80b d204'.replace(/ /g, ''), 'hex')));
    expect(text('mc.watchdog.get', w)).toBe(
      [
        'Watchdog Timer Use:     SMS/OS (0xc4)',
        'Watchdog Timer Is:      Started/Running',
        'Watchdog Timer Logging: Off',
        'Watchdog Timer Action:  Power Cycle (0x23)',
        'Pre-timeout interrupt:  NMI/Diagnostic',
        'Pre-timeout interval:   10 seconds',
        'Timer Expiration Flags: (0x3e)',
        '                        * BIOS FRB2',
        '                        * BIOS/POST',
        '                        * OS Load',
        '                        * SMS/OS',
        '                        * OEM',
        'Initial Countdown:      300.0 sec',
        'Present Countdown:      123.4 sec',
        '',
      ].join('\n'),
    );
    expect(json('mc.watchdog.get', w)).toEqual({
      timerUse: 'SMS/OS',
      timerUseCode: 4,
      running: true,
      logging: false,
      timeoutAction: 'Power Cycle',
      timeoutActionCode: 3,
      preTimeoutInterrupt: 'NMI/Diagnostic',
      preTimeoutInterruptCode: 2,
      preTimeoutIntervalSec: 10,
      expirationFlags: 0x3e,
      expiredTimerUses: ['BIOS FRB2', 'BIOS/POST', 'OS Load', 'SMS/OS', 'OEM'],
      initialCountdownSec: 300,
      presentCountdownSec: 123.4,
    });
  });

  it('reset and off', () => {
    expect(text('mc.watchdog.reset', {})).toBe('IPMI Watchdog Timer Reset -  countdown restarted!\n');
    expect(text('mc.watchdog.off', {})).toBe('Watchdog Timer Shutoff successful -- timer stopped\n');
  });
});

describe('mc getenables / setenables', () => {
  it.each(cases.filter((c) => c.args.join(' ') === 'mc getenables'))('$name', (c) => {
    expect(text('mc.getenables', getBmcGlobalEnables.decode(c.reply))).toBe(golden(c.name));
  });

  it('--json', () => {
    expect(json('mc.getenables', { enables: 0x88 })).toEqual({
      receiveMessageQueueInterrupt: false,
      eventMessageBufferFullInterrupt: false,
      eventMessageBuffer: false,
      systemEventLogging: true,
      oem0: false,
      oem1: false,
      oem2: true,
    });
  });

  const change = { option: 'event_msg', description: 'Event Message Buffer', enable: true };
  it('setenables: the change lines, "Verifying..." and the state read back', () => {
    const out = text('mc.setenables', { changes: [change], before: 8, requested: 0x0c, changed: true, written: true, after: 0x0c });
    expect(out).toBe(`Enabling Event Message Buffer\n\nVerifying...\n${text('mc.getenables', { enables: 0x0c })}`);
  });
  it("setenables: nothing to change (ipmitool's capture for an unchanged byte)", () => {
    const out = text('mc.setenables', { changes: [{ ...change, enable: false }], before: 8, requested: 8, changed: false, written: false, after: 8 });
    expect(out).toBe(`Disabling Event Message Buffer\n${golden('setenables-nothing')}`);
  });
  it('setenables: refused by the BMC: only the change lines', () => {
    expect(text('mc.setenables', { changes: [change], before: 8, requested: 0x0c, changed: true, written: false })).toBe('Enabling Event Message Buffer\n');
  });
});

describe('mc selftest (formats of ipmi_mc.c ipmi_mc_get_selftest)', () => {
  const selftest = (code: number, detail: number): string => text('mc.selftest', viewSelfTest(code, detail));
  it.each([
    [0x55, 0x00, 'Selftest: passed\n'],
    [0x56, 0x00, 'Selftest: not implemented\n'],
    [0x57, 0xc0, 'Selftest: device corrupted\n -> SEL device not accessible\n -> SDR repository not accessible\n'],
    [0x57, 0x21, 'Selftest: device corrupted\nFRU device not accessible\ncontroller operational firmware corrupted\n'],
    [0x58, 0x0a, 'Selftest     : fatal error\nFailure code : 0a\n'],
    [0xff, 0x00, 'Selftest: N/A'],
    [0x80, 0xab, 'Selftest     : device specific (80h)\nFailure code : ABh\n'],
  ])('%i/%i', (code, detail, want) => {
    expect(selftest(code, detail)).toBe(want);
  });
});

describe('mc reset, getsysinfo', () => {
  it('reset', () => {
    expect(text('mc.reset', { kind: 'warm', answered: true })).toBe('Sent warm reset command to MC\n');
    expect(text('mc.reset', { kind: 'cold', answered: false })).toBe('Sent cold reset command to MC\n');
  });
  it('getsysinfo prints the string, or an empty line after a failure (captured)', () => {
    expect(text('mc.getsysinfo', { parameter: 'system_name', selector: 2, value: 'host1' })).toBe('host1\n');
    expect(text('mc.getsysinfo', { parameter: 'system_name', selector: 2, value: '' })).toBe(golden('getsysinfo-failed'));
  });
});

describe("help texts (ipmitool's stderr, captured)", () => {
  it.each([
    ['help-mc', MC_HELP],
    ['help-reset', RESET_USAGE],
    ['help-watchdog', WATCHDOG_HELP],
    ['help-sysinfo', SYSINFO_HELP],
  ])('%s', (name, text) => {
    expect(text).toBe(golden(name));
  });

  it("the watchdog help is cut where ipmitool's 1024-byte log buffer ends", () => {
    expect(WATCHDOG_HELP.length).toBe(1024);
    expect(WATCHDOG_HELP.endsWith('\n   \n')).toBe(true);
  });
});
