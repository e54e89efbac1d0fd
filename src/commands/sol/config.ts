/**
 * Reading the SOL configuration the way ipmitool's ipmi_get_sol_info() does:
 * parameters 0-8 one by one (IPMI v2.0 §26.3, Table 26-5). An unsupported
 * parameter (80h) is a note and keeps its default; any other completion code,
 * or silence, ends the read with ipmitool's line.
 */
import { CommandError, type IpmiError } from '../../errors.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import { getSolConfigurationParameters, SolParam } from '../../ipmi/cmds/transport/get-sol-configuration-parameters.js';
import type { Context } from '../../runtime/context.js';
import { isNoResponse } from '../shared/invoke.js';

/** ipmitool's sol_parameter_vals. */
export const SOL_PARAM_NAMES: readonly string[] = [
  'Set In Progress (0)',
  'Enable (1)',
  'Authentication (2)',
  'Character Interval (3)',
  'Retry (4)',
  'Nonvolatile Bitrate (5)',
  'Volatile Bitrate (6)',
  'Payload Channel (7)',
  'Payload Port (8)',
];

export interface SolConfig {
  channel: number;
  setInProgress: number;
  enabled: boolean;
  forceEncryption: boolean;
  forceAuthentication: boolean;
  privilegeLevel: number;
  /** Raw values: the level is in 5 ms units, the interval in 10 ms units. */
  characterAccumulateLevel: number;
  characterSendThreshold: number;
  retryCount: number;
  retryInterval: number;
  nonVolatileBitRate: number;
  volatileBitRate: number;
  payloadChannel: number;
  payloadPort: number;
  /** Parameters the BMC does not support (their values above are ipmitool's defaults). */
  unsupported: number[];
}

/** Data bytes each parameter has, revision byte included (what ipmitool checks). */
const LENGTHS = [2, 2, 2, 3, 3, 2, 2, 2, 3];

export async function readSolConfig(ctx: Context, channel: number): Promise<{ config: SolConfig; notes: string[] }> {
  const client = await ctx.client();
  const notes: string[] = [];
  const c: SolConfig = {
    channel,
    setInProgress: 0,
    enabled: false,
    forceEncryption: false,
    forceAuthentication: false,
    privilegeLevel: 0,
    characterAccumulateLevel: 0,
    characterSendThreshold: 0,
    retryCount: 0,
    retryInterval: 0,
    nonVolatileBitRate: 0,
    volatileBitRate: 0,
    payloadChannel: 0,
    payloadPort: 0,
    unsupported: [],
  };
  for (let param: number = SolParam.SetInProgress; param <= SolParam.PayloadPort; param++) {
    const name = SOL_PARAM_NAMES[param]!;
    let r: { cc: number; value?: { revision: number; data: Buffer } };
    try {
      r = await client.try(getSolConfigurationParameters, { channel, param });
    } catch (e) {
      if (!isNoResponse(e)) throw e;
      throw new CommandError(`Error: No response requesting SOL parameter '${name}'`, 'no-response', notes).withDetail((e as IpmiError).message);
    }
    if (r.cc === 0x80) {
      c.unsupported.push(param);
      if (param === SolParam.PayloadChannel) {
        c.payloadChannel = channel;
        notes.push(`Info: SOL parameter '${name}' not supported - defaulting to 0x${channel.toString(16).padStart(2, '0')}`);
      } else if (param === SolParam.PayloadPort) {
        c.payloadPort = ctx.options.port;
        notes.push(`Info: SOL parameter '${name}' not supported - defaulting to ${ctx.options.port}`);
      } else {
        notes.push(`Info: SOL parameter '${name}' not supported`);
      }
      continue;
    }
    if (r.cc !== 0) throw new CommandError(`Error requesting SOL parameter '${name}': ${describeCompletionCode(r.cc)}`, 'completion-code', notes);
    const d = r.value!.data;
    if (d.length + 1 !== LENGTHS[param]) {
      notes.push(`Error: Unexpected data length (${d.length + 1}) received for SOL parameter '${name}'`);
      continue;
    }
    apply(c, param, d);
  }
  return { config: c, notes };
}

function apply(c: SolConfig, param: number, d: Buffer): void {
  switch (param) {
    case SolParam.SetInProgress:
      c.setInProgress = d[0]!;
      break;
    case SolParam.Enable:
      c.enabled = d[0]! !== 0;
      break;
    case SolParam.Authentication:
      c.forceEncryption = (d[0]! & 0x80) !== 0;
      c.forceAuthentication = (d[0]! & 0x40) !== 0;
      c.privilegeLevel = d[0]! & 0x0f;
      break;
    case SolParam.CharacterInterval:
      c.characterAccumulateLevel = d[0]!;
      c.characterSendThreshold = d[1]!;
      break;
    case SolParam.Retry:
      c.retryCount = d[0]!;
      c.retryInterval = d[1]!;
      break;
    case SolParam.NonVolatileBitRate:
      c.nonVolatileBitRate = d[0]! & 0x0f;
      break;
    case SolParam.VolatileBitRate:
      c.volatileBitRate = d[0]! & 0x0f;
      break;
    case SolParam.PayloadChannel:
      c.payloadChannel = d[0]!;
      break;
    case SolParam.PayloadPort:
      c.payloadPort = d.readUInt16LE(0);
      break;
  }
}
