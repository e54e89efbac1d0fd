/** `chassis status`: Get Chassis Status decoded into named fields. IPMI v2.0 §28.2. */
import { getChassisStatus, type ChassisStatus } from '../../ipmi/cmds/chassis/get-chassis-status.js';
import type { Context } from '../../runtime/context.js';
import { invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';

export type RestorePolicy = 'always-off' | 'previous' | 'always-on' | 'unknown';

export interface FrontPanelControl {
  sleepButtonDisableAllowed: boolean;
  diagButtonDisableAllowed: boolean;
  resetButtonDisableAllowed: boolean;
  powerButtonDisableAllowed: boolean;
  sleepButtonDisabled: boolean;
  diagButtonDisabled: boolean;
  resetButtonDisabled: boolean;
  powerButtonDisabled: boolean;
}

export interface ChassisStatusView {
  systemPower: 'on' | 'off';
  powerOverload: boolean;
  powerInterlockActive: boolean;
  mainPowerFault: boolean;
  powerControlFault: boolean;
  powerRestorePolicy: RestorePolicy;
  /** In ipmitool's order: ac-failed, overload, interlock, fault, command. */
  lastPowerEvent: string[];
  chassisIntrusionActive: boolean;
  frontPanelLockoutActive: boolean;
  driveFault: boolean;
  coolingFanFault: boolean;
  /** Absent when the BMC omits the optional byte; 'none' when it reports no front panel control. */
  frontPanelControl?: 'none' | FrontPanelControl;
}

const POLICIES: readonly RestorePolicy[] = ['always-off', 'previous', 'always-on', 'unknown'];
const LAST_EVENTS: readonly string[] = ['ac-failed', 'overload', 'interlock', 'fault', 'command'];

const on = (v: number, mask: number): boolean => (v & mask) !== 0;

export function viewChassisStatus(s: ChassisStatus): ChassisStatusView {
  const v: ChassisStatusView = {
    systemPower: on(s.power, 0x01) ? 'on' : 'off',
    powerOverload: on(s.power, 0x02),
    powerInterlockActive: on(s.power, 0x04),
    mainPowerFault: on(s.power, 0x08),
    powerControlFault: on(s.power, 0x10),
    powerRestorePolicy: POLICIES[(s.power >> 5) & 3]!,
    lastPowerEvent: LAST_EVENTS.filter((_, i) => on(s.lastEvent, 1 << i)),
    chassisIntrusionActive: on(s.misc, 0x01),
    frontPanelLockoutActive: on(s.misc, 0x02),
    driveFault: on(s.misc, 0x04),
    coolingFanFault: on(s.misc, 0x08),
  };
  if (s.frontPanel !== undefined) {
    const f = s.frontPanel;
    v.frontPanelControl =
      f === 0
        ? 'none'
        : {
            sleepButtonDisableAllowed: on(f, 0x80),
            diagButtonDisableAllowed: on(f, 0x40),
            resetButtonDisableAllowed: on(f, 0x20),
            powerButtonDisableAllowed: on(f, 0x10),
            sleepButtonDisabled: on(f, 0x08),
            diagButtonDisabled: on(f, 0x04),
            resetButtonDisabled: on(f, 0x02),
            powerButtonDisabled: on(f, 0x01),
          };
  }
  return v;
}

export async function status(ctx: Context): Promise<Report<ChassisStatusView>> {
  const s = await invoke(ctx, getChassisStatus, undefined, {
    failed: 'Error sending Chassis Status command',
    noResponse: 'Error sending Chassis Status command',
  });
  return report('chassis.status', viewChassisStatus(s));
}
