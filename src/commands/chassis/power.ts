/** `chassis power ...` and `power ...`: status and Chassis Control. */
import { HelpRequest, UsageError } from '../../errors.js';
import { chassisControl, ChassisControl } from '../../ipmi/cmds/chassis/chassis-control.js';
import { chassisControlText } from '../../spec/chassis.js';
import { getChassisStatus } from '../../ipmi/cmds/chassis/get-chassis-status.js';
import type { Context } from '../../runtime/context.js';
import { invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { own } from '../../own.js';
import { wordList, type Words } from '../words.js';

export const POWER_HELP = 'chassis power Commands: status, on, off, cycle, reset, diag, soft\n';

export interface PowerStatus {
  power: 'on' | 'off';
}
export interface PowerControl {
  action: string;
  control: number;
}

const controls: Readonly<Record<string, number>> = {
  up: ChassisControl.PowerUp,
  on: ChassisControl.PowerUp,
  down: ChassisControl.PowerDown,
  off: ChassisControl.PowerDown,
  cycle: ChassisControl.PowerCycle,
  reset: ChassisControl.HardReset,
  diag: ChassisControl.PulseDiag,
  acpi: ChassisControl.AcpiSoft,
  soft: ChassisControl.AcpiSoft,
};

/** `power` and `chassis power` for completion: status and the control words above. */
export const POWER_WORDS: Words = { status: null, ...wordList(Object.keys(controls)), help: null };

export async function powerStatus(ctx: Context): Promise<Report<PowerStatus>> {
  const st = await invoke(ctx, getChassisStatus, undefined, {
    failed: 'Get Chassis Power Status failed',
    noResponse: 'Unable to get Chassis Power Status',
  });
  return report('chassis.power.status', { power: st.power & 1 ? 'on' : 'off' });
}

/** args[0] is the power sub-command (status, on, off, ...). */
export async function power(ctx: Context, args: string[]): Promise<Report> {
  const sub = args[0];
  if (sub === undefined || sub === 'help') throw new HelpRequest(POWER_HELP, sub === undefined);
  if (sub === 'status') return powerStatus(ctx);
  const control = own(controls, sub);
  if (control === undefined) throw new UsageError(`Invalid chassis power command: ${sub}`);
  const text = chassisControlText[control]!;
  await invoke(
    ctx,
    chassisControl,
    { control },
    {
      failed: `Set Chassis Power Control to ${text} failed`,
      noResponse: `Unable to set Chassis Power Control to ${text}`,
    },
  );
  return report<PowerControl>('chassis.power.control', { action: text, control });
}
