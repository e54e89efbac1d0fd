/** chassis and power: ipmitool 1.8.19's text (lib/ipmi_chassis.c), JSON and tables. */
import type { PowerControl, PowerStatus } from '../commands/chassis/power.js';
import type { ChassisStatusView } from '../commands/chassis/status.js';
import type { IdentifyResult, PolicyList, PolicySet, PowerOnHours, RestartCause, SelfTest } from '../commands/chassis/misc.js';
import type { BootdevResult } from '../commands/chassis/bootdev.js';
import type { BootParamView } from '../commands/chassis/bootparam.js';
import type { BootFlags } from '../commands/chassis/bootparam-decode.js';
import { hex } from '../ipmi/codec.js';
import { defineRenderers } from './types.js';

const yes = (v: boolean, t: string, f: string): string => (v ? t : f);

function chassisStatusText(s: ChassisStatusView): string {
  const lines = [
    `System Power         : ${s.systemPower}`,
    `Power Overload       : ${yes(s.powerOverload, 'true', 'false')}`,
    `Power Interlock      : ${yes(s.powerInterlockActive, 'active', 'inactive')}`,
    `Main Power Fault     : ${yes(s.mainPowerFault, 'true', 'false')}`,
    `Power Control Fault  : ${yes(s.powerControlFault, 'true', 'false')}`,
    `Power Restore Policy : ${s.powerRestorePolicy}`,
    // Each event word but "command" carries a trailing space, as ipmitool prints them.
    `Last Power Event     : ${s.lastPowerEvent.map((e) => (e === 'command' ? e : `${e} `)).join('')}`,
    `Chassis Intrusion    : ${yes(s.chassisIntrusionActive, 'active', 'inactive')}`,
    `Front-Panel Lockout  : ${yes(s.frontPanelLockoutActive, 'active', 'inactive')}`,
    `Drive Fault          : ${yes(s.driveFault, 'true', 'false')}`,
    `Cooling/Fan Fault    : ${yes(s.coolingFanFault, 'true', 'false')}`,
  ];
  const f = s.frontPanelControl;
  if (f === 'none') lines.push('Front Panel Control  : none');
  else if (f) {
    const allowed = (v: boolean): string => yes(v, 'allowed', 'not allowed');
    lines.push(
      `Sleep Button Disable : ${allowed(f.sleepButtonDisableAllowed)}`,
      `Diag Button Disable  : ${allowed(f.diagButtonDisableAllowed)}`,
      `Reset Button Disable : ${allowed(f.resetButtonDisableAllowed)}`,
      `Power Button Disable : ${allowed(f.powerButtonDisableAllowed)}`,
      `Sleep Button Disabled: ${yes(f.sleepButtonDisabled, 'true', 'false')}`,
      `Diag Button Disabled : ${yes(f.diagButtonDisabled, 'true', 'false')}`,
      `Reset Button Disabled: ${yes(f.resetButtonDisabled, 'true', 'false')}`,
      `Power Button Disabled: ${yes(f.powerButtonDisabled, 'true', 'false')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function identifyText(r: IdentifyResult): string {
  if (r.force) return 'Chassis identify interval: indefinite\n';
  if (r.interval === null) return 'Chassis identify interval: default (15 seconds)\n';
  if (r.interval === 0) return 'Chassis identify interval: off\n';
  return `Chassis identify interval: ${r.interval} seconds\n`;
}

/** "always-off always-on previous": a space after each but "previous". */
function policyListText(r: PolicyList): string {
  return `Supported chassis power policy:  ${r.supported.map((p) => (p === 'previous' ? p : `${p} `)).join('')}\n`;
}

function pohText(r: PowerOnHours): string {
  return r.minutesPerCount < 60
    ? `POH Counter  : ${r.days} days, ${r.hours} hours, ${r.minutes} minutes\n`
    : `POH Counter  : ${r.days} days, ${r.hours} hours\n`;
}

const BROKEN_DEVICES = [
  'firmware corrupted',
  'boot block corrupted',
  'FRU Internal Use Area corrupted',
  'SDR Repository empty',
  'IPMB not responding',
  'cannot access BMC FRU',
  'cannot access SDR Repository',
  'cannot access SEL Device',
];

const h2 = (n: number): string => n.toString(16).padStart(2, '0');

export function selfTestText(r: SelfTest, label: string): string {
  switch (r.result) {
    case 0x55:
      return `${label}passed\n`;
    case 0x56:
      return `${label}not implemented\n`;
    case 0x57:
      return `${label}device error\n${BROKEN_DEVICES.filter((_, i) => r.detail & (1 << i))
        .map((d) => `                       [${d}]\n`)
        .join('')}`;
    case 0x58:
      return `${label}Fatal hardware error: ${h2(r.detail)}h\n`;
    default:
      return `${label}Device-specific failure ${h2(r.result)}h:${h2(r.detail)}h\n`;
  }
}

const DEVICE_TEXT: Readonly<Record<number, string>> = {
  0x0: 'No override',
  0x1: 'Force PXE',
  0x2: 'Force Boot from default Hard-Drive',
  0x3: 'Force Boot from default Hard-Drive, request Safe-Mode',
  0x4: 'Force Boot from Diagnostic Partition',
  0x5: 'Force Boot from CD/DVD',
  0x6: 'Force Boot into BIOS Setup',
  0x7: 'Force Boot from remotely connected Floppy/primary removable media',
  0x8: 'Force Boot from remotely connected CD/DVD',
  0x9: 'Force Boot from primary remote media',
  0xb: 'Force Boot from remotely connected Hard-Drive',
  0xf: 'Force Boot from Floppy/primary removable media',
};
const VERBOSITY = ['System Default', 'Request Quiet Display', 'Request Verbose Display', 'Flag error'];
const REDIRECTION = [
  'Console redirection occurs per BIOS configuration setting (default)',
  'Suppress (skip) console redirection if enabled',
  'Request console redirection be enabled',
  'Flag error',
];
const MUX = [
  'BIOS uses recommended setting of the mux at the end of POST',
  'Requests BIOS to force mux to BMC at conclusion of POST/start of OS boot',
  'Requests BIOS to force mux to system at conclusion of POST/start of OS boot',
];

function bootFlagsText(f: BootFlags): string[] {
  const l = [' Boot Flags :'];
  l.push(f.valid ? '   - Boot Flag Valid' : '   - Boot Flag Invalid');
  l.push(f.persistent ? '   - Options apply to all future boots' : '   - Options apply to only next boot');
  l.push(f.efiBoot ? '   - BIOS EFI boot ' : '   - BIOS PC Compatible (legacy) boot ');
  if (f.cmosClear) l.push('   - CMOS Clear');
  if (f.lockKeyboard) l.push('   - Lock Keyboard');
  l.push(`   - Boot Device Selector : ${DEVICE_TEXT[f.device] ?? 'Flag error'}`);
  if (f.screenBlank) l.push('   - Screen blank');
  if (f.lockOutResetButtons) l.push('   - Lock out Reset buttons');
  if (f.lockOutPowerButton) l.push('   - Lock out (power off/sleep request) via Power Button');
  l.push(`   - BIOS verbosity : ${VERBOSITY[f.biosVerbosity]}`);
  if (f.forceProgressEventTraps) l.push('   - Force progress event traps');
  if (f.userPasswordBypass) l.push('   - User password bypass');
  if (f.lockOutSleepButton) l.push('   - Lock Out Sleep Button');
  l.push(`   - Console Redirection control : ${REDIRECTION[f.consoleRedirection]}`);
  if (f.biosSharedModeOverride) l.push('   - BIOS Shared Mode Override');
  l.push(`   - BIOS Mux Control Override : ${MUX[f.biosMuxControl] ?? 'Flag error'}`);
  return l;
}

function bootParamText(v: BootParamView): string {
  const l = [
    `Boot parameter version: ${v.version}`,
    `Boot parameter ${v.param} is ${v.invalid ? 'invalid/locked' : 'valid/unlocked'}`,
    `Boot parameter data: ${hex(v.data)}`,
  ];
  const d = v.detail;
  const flagList = (title: string, items: [boolean, string][], indent: string): void => {
    l.push(title);
    const on = items.filter(([b]) => b);
    if (on.length) for (const [, t] of on) l.push(`${indent}- ${t}`);
    else l.push('     No flag set');
  };
  if ('unsupported' in d) l.push(` Unsupported parameter ${d.param}`);
  else if (d.param === 0) l.push(` Set In Progress : ${d.setInProgress}`);
  else if (d.param === 1) l.push(` Service Partition Selector : ${d.servicePartitionSelector === 0 ? 'unspecified' : d.servicePartitionSelector}`);
  else if (d.param === 2)
    flagList(
      ' Service Partition Scan :',
      [
        [d.requestBiosScan, 'Request BIOS to scan'],
        [d.servicePartitionDiscovered, 'Service Partition Discovered'],
      ],
      '     ',
    );
  else if (d.param === 3)
    flagList(
      ' BMC boot flag valid bit clearing :',
      [
        [d.dontClearOnPef, "Don't clear valid bit on reset/power cycle cause by PEF"],
        [d.dontClearOnTimeout, "Don't automatically clear boot flag valid bit on timeout"],
        [d.dontClearOnWatchdog, "Don't clear valid bit on reset/power cycle cause by watchdog"],
        [d.dontClearOnPushButtonReset, "Don't clear valid bit on push button reset // soft reset"],
        [d.dontClearOnPowerUp, "Don't clear valid bit on power up via power push button or wake event"],
      ],
      '     ',
    );
  else if (d.param === 4)
    flagList(
      ' Boot Info Acknowledge :',
      [
        [d.handledByOem, 'OEM has handled boot info'],
        [d.handledBySms, 'SMS has handled boot info'],
        [d.handledByOsServicePartition, 'OS // service partition has handled boot info'],
        [d.handledByOsLoader, 'OS Loader has handled boot info'],
        [d.handledByBiosPost, 'BIOS/POST has handled boot info'],
      ],
      '    ',
    );
  else if (d.param === 5) l.push(...bootFlagsText(d as BootFlags));
  else if (d.param === 6 && 'sessionId' in d) {
    l.push(' Boot Initiator Info :', `    Channel Number : ${d.channel}`, `    Session Id     : ${d.sessionId.toString(16).toUpperCase().padStart(8, '0')}h`);
    l.push(`    Timestamp      : ${timestampNumeric(d.timestamp)}`);
  }
  return `${l.join('\n')}\n`;
}

/** ipmitool's ipmi_timestamp_numeric: "%x %X" in the C locale, local time (tests run with TZ=UTC). */
function timestampNumeric(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getMonth() + 1)}/${p(d.getDate())}/${p(d.getFullYear() % 100)} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export const renderers = defineRenderers({
  'chassis.power.status': { text: (d: PowerStatus) => `Chassis Power is ${d.power}\n` },
  'chassis.power.control': { text: (d: PowerControl) => `Chassis Power Control: ${d.action}\n` },
  'chassis.status': { text: chassisStatusText },
  'chassis.identify': { text: identifyText },
  'chassis.policy.list': { text: policyListText },
  'chassis.policy.set': { text: (d: PolicySet) => `Set chassis power restore policy to ${d.policy}\n` },
  'chassis.restart-cause': { text: (d: RestartCause) => `System restart cause: ${d.text}\n` },
  'chassis.poh': { text: pohText },
  'chassis.selftest': { text: (d: SelfTest) => selfTestText(d, 'Self Test Results    : ') },
  'chassis.bootdev': {
    text: (d: BootdevResult) => `Set Boot Device to ${d.device}\n`,
    json: (d: BootdevResult) => ({ device: d.device, flags: hex(d.flags) }),
  },
  'chassis.bootparam': { text: bootParamText },
});
