/** mc (bmc): ipmitool 1.8.19's text (lib/ipmi_mc.c), and the --json documents (docs/json-mc.md). */
import type { McInfo } from '../commands/mc/info.js';
import type { ParsedGuid } from '../commands/mc/guid-decode.js';
import { guidString } from '../commands/mc/guid-decode.js';
import { ENABLE_OPTIONS, GUID_VERSION_NAMES, PRETIMEOUT_INTERRUPTS, TIMEOUT_ACTIONS, TIMER_USES } from '../spec/mc.js';
import type { McReset } from '../commands/mc/reset.js';
import type { McSelfTest } from '../commands/mc/selftest.js';
import { SELFTEST_FAILURES } from '../spec/selftest.js';
import type { McEnables, McSetEnables } from '../commands/mc/enables.js';
import type { WatchdogSet, WatchdogView } from '../commands/mc/watchdog.js';
import type { SysInfo, SysInfoSet } from '../commands/mc/sysinfo.js';
import { hex } from '../ipmi/codec.js';
import { unknownName } from '../spec/oem-products.js';
import { timestampNumeric } from '../format/ipmi-time.js';
import { defineRenderers, type RenderOptions } from './types.js';
import { hex2 } from '../format/c-printf.js';

const X2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
const yesNo = (v: boolean): string => (v ? 'yes' : 'no');

const firmwareRevision = (d: McInfo): string => `${d.firmwareMajor}.${hex2(d.firmwareMinor)}`;
const ipmiVersion = (d: McInfo): string => `${(d.ipmiVersion & 0x0f).toString(16)}.${(d.ipmiVersion >> 4).toString(16)}`;

function infoText(d: McInfo): string {
  const l = [
    `Device ID                 : ${d.deviceId}`,
    `Device Revision           : ${d.deviceRevision}`,
    `Firmware Revision         : ${firmwareRevision(d)}`,
    `IPMI Version              : ${ipmiVersion(d)}`,
    `Manufacturer ID           : ${d.manufacturerId}`,
    `Manufacturer Name         : ${d.manufacturerName ?? unknownName(d.manufacturerId)}`,
    `Product ID                : ${d.productId} (0x${hex2(d.productId >> 8)}${hex2(d.productId & 0xff)})`,
    `Product Name              : ${d.productName ?? unknownName(d.productId)}`,
    `Device Available          : ${yesNo(d.deviceAvailable)}`,
    `Provides Device SDRs      : ${yesNo(d.providesDeviceSdrs)}`,
    'Additional Device Support :',
    ...d.additionalDeviceSupport.map((s) => `    ${s}`),
  ];
  if (d.auxFirmwareRevision) l.push('Aux Firmware Rev Info     : ', ...[...d.auxFirmwareRevision].map((b) => `    0x${hex2(b)}`));
  return `${l.join('\n')}\n`;
}

function infoJson(d: McInfo): unknown {
  return {
    deviceId: d.deviceId,
    deviceRevision: d.deviceRevision,
    firmwareRevision: firmwareRevision(d),
    ipmiVersion: ipmiVersion(d),
    manufacturerId: d.manufacturerId,
    manufacturerName: d.manufacturerName ?? null,
    productId: d.productId,
    productName: d.productName ?? null,
    deviceAvailable: d.deviceAvailable,
    providesDeviceSdrs: d.providesDeviceSdrs,
    additionalDeviceSupport: d.additionalDeviceSupport,
    auxFirmwareRevision: d.auxFirmwareRevision ? hex(d.auxFirmwareRevision) : null,
  };
}

const ENCODING_TEXT = { ipmi: 'IPMI', rfc4122: 'RFC4122', smbios: 'SMBIOS' } as const;

function guidText(g: ParsedGuid, o: RenderOptions): string {
  if (g.encoding === 'dump' || !g.fields) return `System GUID   : ${g.raw.toString('hex').toUpperCase()}\n`;
  let s = `System GUID   : ${guidString(g.fields)}\n`;
  if (g.mode === 'auto') {
    s += `GUID Encoding : ${ENCODING_TEXT[g.encoding]}${g.encoding === 'ipmi' ? '' : ' (WARNING: IPMI Specification violation!)'}\n`;
  }
  s += `GUID Version  : ${GUID_VERSION_NAMES[g.version ?? 0]}`;
  if (!g.version) s += ` (${g.versionNibble})\n`;
  // ipmitool hands the time to a 32-bit formatter.
  else if (g.version === 1) s += `\nTimestamp     : ${timestampNumeric(Number(BigInt.asUintN(32, BigInt(g.time ?? 0))), { utc: o.utc })}\n`;
  else s += '\n';
  return s;
}

function guidJson(g: ParsedGuid): unknown {
  const f = g.fields;
  return {
    guid: f ? guidString(f) : null,
    encoding: g.encoding,
    version: g.versionNibble ?? null,
    versionName: g.version !== undefined ? GUID_VERSION_NAMES[g.version] : null,
    timestamp: g.time !== undefined ? new Date(g.time * 1000).toISOString() : null,
    raw: hex(g.raw),
  };
}

function selftestText(t: McSelfTest): string {
  switch (t.result) {
    case 'passed':
      return 'Selftest: passed\n';
    case 'not implemented':
      return 'Selftest: not implemented\n';
    case 'device error':
      // Only the first two of ipmitool's lines carry the arrow.
      return `Selftest: device corrupted\n${SELFTEST_FAILURES.filter(([m]) => t.detail & m)
        .map(([m, text]) => `${m >= 0x40 ? ' -> ' : ''}${text}\n`)
        .join('')}`;
    case 'fatal error':
      return `Selftest     : fatal error\nFailure code : ${hex2(t.detail)}\n`;
    case 'reserved':
      // Sic: no newline.
      return 'Selftest: N/A';
    case 'device specific':
      return `Selftest     : device specific (${X2(t.code)}h)\nFailure code : ${X2(t.detail)}h\n`;
  }
}

function enablesText(enables: number): string {
  return ENABLE_OPTIONS.map((o) => `${o.description.padEnd(40)} : ${enables & o.mask ? 'enabled' : 'disabled'}\n`).join('');
}

function enablesJson(enables: number): Record<string, boolean> {
  return Object.fromEntries(ENABLE_OPTIONS.map((o) => [o.key, (enables & o.mask) !== 0]));
}

function setEnablesText(d: McSetEnables): string {
  let s = d.changes.map((c) => `${c.enable ? 'Enabling' : 'Disabling'} ${c.description}\n`).join('');
  if (!d.changed) s += '\nNothing to change...\n';
  else if (d.written) s += '\nVerifying...\n';
  if (d.after !== undefined) s += enablesText(d.after);
  return s;
}

const countdown = (c: number | undefined): string => (c === undefined ? 'N/A' : `${(c / 10).toFixed(1)} sec`);

function watchdogText(w: WatchdogView): string {
  const t = w.timer;
  const l = [
    `Watchdog Timer Use:     ${w.timerUse} (0x${hex2(t.use)})`,
    `Watchdog Timer Is:      ${w.running ? 'Started/Running' : 'Stopped'}`,
    `Watchdog Timer Logging: ${w.logging ? 'On' : 'Off'}`,
    `Watchdog Timer Action:  ${w.timeoutAction} (0x${hex2(t.actions)})`,
    `Pre-timeout interrupt:  ${w.preTimeoutInterrupt}`,
    `Pre-timeout interval:   ${t.preTimeoutSec} seconds`,
    `Timer Expiration Flags: ${t.expirationFlags ? '' : 'None '}(0x${hex2(t.expirationFlags)})`,
    ...w.expired.map((name) => `                        * ${name}`),
    `Initial Countdown:      ${countdown(t.initialCountdown)}`,
    // ipmi_sim sends no present countdown: ipmitool prints whatever its buffer held.
    `Present Countdown:      ${countdown(t.presentCountdown)}`,
  ];
  return `${l.join('\n')}\n`;
}

const seconds = (c: number | undefined): number | null => (c === undefined ? null : c / 10);

function watchdogJson(w: WatchdogView): unknown {
  const t = w.timer;
  return {
    timerUse: w.timerUse,
    timerUseCode: t.use & 0x07,
    running: w.running,
    logging: w.logging,
    timeoutAction: w.timeoutAction,
    timeoutActionCode: t.actions & 0x07,
    preTimeoutInterrupt: w.preTimeoutInterrupt,
    preTimeoutInterruptCode: (t.actions >> 4) & 0x07,
    preTimeoutIntervalSec: t.preTimeoutSec,
    expirationFlags: t.expirationFlags,
    expiredTimerUses: w.expired,
    initialCountdownSec: seconds(t.initialCountdown),
    presentCountdownSec: seconds(t.presentCountdown),
  };
}

function watchdogSetJson(d: WatchdogSet): unknown {
  const r = d.request;
  return {
    timerUse: TIMER_USES[r.use]![0],
    timerUseCode: r.use,
    timeoutAction: TIMEOUT_ACTIONS[r.action]![0],
    timeoutActionCode: r.action,
    preTimeoutInterrupt: PRETIMEOUT_INTERRUPTS[r.preTimeoutInterrupt]![0],
    preTimeoutInterruptCode: r.preTimeoutInterrupt,
    preTimeoutIntervalSec: r.preTimeoutSec,
    clearedExpirationFlags: r.clearFlags,
    initialCountdownSec: r.initialCountdown / 10,
    noLog: r.noLog === true,
    dontStop: r.dontStop === true,
  };
}

export const renderers = defineRenderers({
  'mc.info': { text: infoText, json: infoJson },
  'mc.guid': { text: guidText, json: guidJson },
  'mc.reset': {
    text: (d: McReset) => `Sent ${d.kind} reset command to MC\n`,
    json: (d: McReset) => ({ reset: d.kind, answered: d.answered }),
  },
  'mc.selftest': {
    text: selftestText,
    json: (t: McSelfTest) => ({ result: t.result, code: t.code, detail: t.detail, failures: t.failures }),
  },
  'mc.getenables': { text: (d: McEnables) => enablesText(d.enables), json: (d: McEnables) => enablesJson(d.enables) },
  'mc.setenables': {
    text: setEnablesText,
    json: (d: McSetEnables) => ({
      changes: d.changes.map((c) => ({ option: c.option, enabled: c.enable })),
      changed: d.changed,
      written: d.written,
      enables: d.after !== undefined ? enablesJson(d.after) : null,
    }),
  },
  'mc.watchdog.get': { text: watchdogText, json: watchdogJson },
  'mc.watchdog.reset': { text: () => 'IPMI Watchdog Timer Reset -  countdown restarted!\n', json: () => ({ watchdog: 'reset' }) },
  'mc.watchdog.off': { text: () => 'Watchdog Timer Shutoff successful -- timer stopped\n', json: () => ({ watchdog: 'off' }) },
  // ipmitool's only output is a note on stderr.
  'mc.watchdog.set': { text: () => '', json: watchdogSetJson },
  'mc.getsysinfo': {
    text: (d: SysInfo) => `${d.value}\n`,
    // Nothing read (set 0 failed): no value, rather than ipmitool's empty line.
    json: (d: SysInfo) => ({
      parameter: d.parameter,
      selector: d.selector,
      value: d.encoding === undefined ? null : d.value,
      encoding: d.encoding ?? null,
      length: d.length ?? null,
    }),
  },
  'mc.setsysinfo': {
    text: () => '',
    json: (d: SysInfoSet) => ({ parameter: d.parameter, selector: d.selector, value: d.value, sets: d.blocks.length }),
  },
});
