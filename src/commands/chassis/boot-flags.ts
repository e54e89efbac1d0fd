/**
 * Writing boot parameters the way ipmitool does (ipmi_chassis_set_bootdev):
 * set-in-progress, clear the BIOS/POST acknowledge, write, commit-write, set-complete.
 * A refusal of the set-in-progress parameter (0) is silent, as in ipmitool.
 */
import { CompletionCodeError, IpmiError } from '../../errors.js';
import { BootParam, setSystemBootOptions } from '../../ipmi/cmds/chassis/set-system-boot-options.js';
import { describeCommandCode } from '../../ipmi/completion-codes.js';
import type { Context } from '../../runtime/context.js';
import { noResponse } from '../shared/invoke.js';

const SET_COMPLETE = 0;
const SET_IN_PROGRESS = 1;
const COMMIT_WRITE = 2;
const BIOS_POST_ACK = 0x01;

/** Write one parameter; resolves to the completion code, throws ipmitool's wording on failure (except param 0). */
async function setParam(ctx: Context, param: number, data: number[]): Promise<number> {
  const client = await ctx.client();
  let cc: number;
  try {
    cc = (await client.try(setSystemBootOptions, { param, data: Uint8Array.from(data) })).cc;
  } catch (e) {
    throw noResponse(e, `Error setting Chassis Boot Parameter ${param}`);
  }
  if (cc !== 0 && param !== BootParam.SetInProgress) {
    const desc = describeCommandCode(setSystemBootOptions, cc);
    throw new CompletionCodeError(setSystemBootOptions.name, cc, desc, `Set Chassis Boot Parameter ${param} failed: ${desc}`);
  }
  return cc;
}

/**
 * Run `write` inside set-in-progress / commit-write / set-complete. A refused
 * acknowledge-clear (parameter 4) is reported, as ipmitool does, but does not stop
 * the write; the returned lines go to stderr.
 */
export async function withBootParamWrite(ctx: Context, write: () => Promise<void>): Promise<string[]> {
  const notes: string[] = [];
  const useProgress = (await setParam(ctx, BootParam.SetInProgress, [SET_IN_PROGRESS])) === 0;
  let failure: unknown;
  try {
    try {
      await setParam(ctx, BootParam.InfoAck, [BIOS_POST_ACK, BIOS_POST_ACK]);
    } catch (e) {
      if (!(e instanceof CompletionCodeError)) throw e;
      notes.push(e.message);
    }
    await write();
    if (useProgress) await setParam(ctx, BootParam.SetInProgress, [COMMIT_WRITE]);
  } catch (e) {
    failure = e;
  }
  if (useProgress) {
    try {
      await setParam(ctx, BootParam.SetInProgress, [SET_COMPLETE]);
    } catch (e) {
      failure ??= e;
    }
  }
  if (failure instanceof IpmiError) throw new IpmiError(failure.layer, failure.code, failure.message, [...notes, ...failure.preamble]);
  if (failure) throw failure;
  return notes;
}

export function writeBootFlags(ctx: Context, flags: number[]): Promise<number> {
  return setParam(ctx, BootParam.BootFlags, flags);
}

export function writeValidBitClearing(ctx: Context, value: number): Promise<number> {
  return setParam(ctx, BootParam.ValidBitClearing, [value]);
}
