/**
 * `dcmi power reading [<period>] | get_limit | set_limit <param> <value> | activate | deactivate`
 * (DCMI v1.5 §6.6). set_limit reads the current limit, changes one value and writes all of them back,
 * then prints the limit as read again; bad values are refused before anything is sent.
 */
import { HelpRequest, UsageError } from '../../errors.js';
import { parseCNumber } from '../../runtime/numbers.js';
import { activatePowerLimit } from '../../ipmi/cmds/group/activate-power-limit.js';
import { getPowerLimit, type PowerLimit } from '../../ipmi/cmds/group/get-power-limit.js';
import { getPowerReading, type PowerReading } from '../../ipmi/cmds/group/get-power-reading.js';
import { setPowerLimit } from '../../ipmi/cmds/group/set-power-limit.js';
import { dcmiPowerActionCodes, dcmiSamplingPeriods } from '../../spec/dcmi.js';
import type { Context } from '../../runtime/context.js';
import { report, type Outcome } from '../../report.js';
import { dcmiCall } from './call.js';
import { POWER_USAGE, SET_LIMIT_USAGE } from './usage.js';

export interface DcmiPowerReading {
  reading: PowerReading;
  /** The rolling average period code asked for (enhanced statistics), if any. */
  averaging?: number;
}

export interface DcmiPowerLimit {
  /** False when the BMC said 80h (no active power limit). */
  active: boolean;
  limit: PowerLimit;
}

async function readLimit(ctx: Context): Promise<DcmiPowerLimit> {
  const r = await dcmiCall(ctx, getPowerLimit, undefined, [0x80]);
  return { active: r.cc === 0, limit: r.value };
}

type Change = { key: 'action' | 'limit' | 'correctionMs' | 'samplingSec'; value: number };

function parseChange(param: string, value: string): Change {
  const invalid = (): never => {
    throw new UsageError(`Given ${param} '${value}' is invalid.`);
  };
  const number = (max: number): number => {
    const v = parseCNumber(value);
    return v === undefined || v < 0 || v > max ? invalid() : v;
  };
  switch (param.toLowerCase()) {
    case 'action': {
      const a = dcmiPowerActionCodes[value.toLowerCase()];
      return a === undefined ? invalid() : { key: 'action', value: a };
    }
    case 'limit':
      return { key: 'limit', value: number(0xffff) };
    case 'correction':
      return { key: 'correctionMs', value: number(0xffffffff) };
    case 'sample':
      return { key: 'samplingSec', value: number(0xffff) };
    default:
      throw new UsageError(`Invalid set_limit parameter: ${param}`, SET_LIMIT_USAGE);
  }
}

export async function power(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new HelpRequest(POWER_USAGE, true);
  switch (sub.toLowerCase()) {
    case 'reading': {
      let averaging: number | undefined;
      if (rest[0] !== undefined) {
        averaging = dcmiSamplingPeriods[rest[0].toLowerCase()];
        if (averaging === undefined) throw new UsageError(`Invalid sample time. Valid times are: ${Object.keys(dcmiSamplingPeriods).join(' | ')}`);
      }
      const { value: reading } = await dcmiCall(ctx, getPowerReading, averaging === undefined ? { mode: 1 } : { mode: 2, averaging });
      return report('dcmi.power.reading', averaging === undefined ? { reading } : { reading, averaging });
    }
    case 'get_limit':
      return report('dcmi.power.limit', await readLimit(ctx));
    case 'set_limit': {
      if (rest.length < 2) throw new HelpRequest(SET_LIMIT_USAGE, true);
      const change = parseChange(rest[0]!, rest[1]!);
      const before = await readLimit(ctx);
      await dcmiCall(ctx, setPowerLimit, { ...before.limit, [change.key]: change.value });
      return report('dcmi.power.limit', await readLimit(ctx));
    }
    case 'activate':
    case 'deactivate': {
      const activate = sub.toLowerCase() === 'activate';
      await dcmiCall(ctx, activatePowerLimit, { activate });
      return report('dcmi.power.activation', { activated: activate });
    }
    default:
      throw new HelpRequest(POWER_USAGE, true);
  }
}
