/**
 * Reading and writing LAN configuration parameters (IPMI v2.0 §23.1-23.2) with ipmitool's
 * Set In Progress protocol (lib/ipmi_lanp.c set_lan_param): take the lock (write 1), write the
 * parameter, read it back, then commit (write 2) and release (write 0). ipmits differs in one
 * place: when the BMC refuses the value it says so by name and releases the lock without the
 * commit (a rollback on BMCs that support it), where ipmitool commits and stays silent.
 */
import { CompletionCodeError, IpmiError } from '../../errors.js';
import { getLanConfigurationParameters } from '../../ipmi/cmds/transport/get-lan-configuration-parameters.js';
import { setLanConfigurationParameters } from '../../ipmi/cmds/transport/set-lan-configuration-parameters.js';
import { describeCommandCode } from '../../ipmi/completion-codes.js';
import { LanParam, SetInProgress, lanParamName } from '../../spec/lan-parameters.js';
import { sleep } from '../../io.js';
import type { Context } from '../../runtime/context.js';
import { invoke } from '../shared/invoke.js';

/** A parameter the BMC answered 80h, C9h or CCh for: ipmitool treats it as "not supported" (Debian's 0801 patch). */
export const UNSUPPORTED = null;

/** Parameter data after the revision byte, or null when the BMC does not support it. Other failures throw. */
export async function readParam(ctx: Context, channel: number, param: number, set = 0): Promise<Buffer | null> {
  const name = lanParamName(param);
  try {
    const r = await invoke(
      ctx,
      getLanConfigurationParameters,
      { channel, param, set },
      {
        failed: (d) => `Get LAN Parameter '${name}' command failed: ${d}`,
        noResponse: `Get LAN Parameter '${name}' command failed`,
      },
    );
    return r.data;
  } catch (e) {
    if (e instanceof CompletionCodeError && (e.cc === 0x80 || e.cc === 0xc9 || e.cc === 0xcc)) {
      ctx.log.verbose(1, e.message);
      return UNSUPPORTED;
    }
    throw e;
  }
}

/** One Set LAN Configuration Parameters; the completion code is returned, silence throws. */
async function write(ctx: Context, channel: number, param: number, data: Uint8Array): Promise<number> {
  const client = await ctx.client();
  try {
    const r = await client.try(setLanConfigurationParameters, { channel, param, data });
    return r.cc;
  } catch (e) {
    if (e instanceof IpmiError && (e.layer === 'transport' || e.layer === 'device')) {
      throw new IpmiError(e.layer, e.code, `Set LAN Parameter '${lanParamName(param)}' failed: no response from the BMC`).withDetail(e.message);
    }
    throw e;
  }
}

/** Set In Progress bits, or undefined when the BMC does not implement parameter 0. */
async function lockState(ctx: Context, channel: number): Promise<number | undefined> {
  try {
    const d = await readParam(ctx, channel, LanParam.SetInProgress);
    return d && d.length > 0 ? d[0]! & 3 : undefined;
  } catch (e) {
    if (e instanceof CompletionCodeError) return undefined;
    throw e;
  }
}

/** ipmi_lanp_lock(): optional in the spec, so failures are ignored (three tries). */
async function lock(ctx: Context, channel: number): Promise<void> {
  for (let tries = 3; tries >= 0; tries--) {
    const state = await lockState(ctx, channel);
    if (state === undefined || state === SetInProgress.InProgress) return;
    if (tries === 0) return;
    await write(ctx, channel, LanParam.SetInProgress, Uint8Array.of(SetInProgress.InProgress));
  }
}

/** ipmi_lanp_unlock(): commit, then set complete. */
async function commit(ctx: Context, channel: number): Promise<void> {
  const cc = await write(ctx, channel, LanParam.SetInProgress, Uint8Array.of(SetInProgress.CommitWrite));
  if (cc !== 0) ctx.log.verbose(2, 'LAN Parameter Commit not supported');
  await write(ctx, channel, LanParam.SetInProgress, Uint8Array.of(SetInProgress.Complete));
}

/** Release the lock without committing: BMCs that support rollback restore the old values. */
async function rollback(ctx: Context, channel: number): Promise<void> {
  await write(ctx, channel, LanParam.SetInProgress, Uint8Array.of(SetInProgress.Complete));
}

export interface WriteOptions {
  /** Read the value back and compare (ipmitool's set_lan_param_wait); false for alert destinations. */
  verify: boolean;
}

const VERIFY_TRIES = 3;
const VERIFY_PAUSE_MS = 1000;

/** set_lan_param() / set_lan_param_nowait(): lock, write, verify, commit. A refused value is an error naming the parameter. */
export async function writeParam(ctx: Context, channel: number, param: number, data: Uint8Array, o: WriteOptions = { verify: true }): Promise<void> {
  const name = lanParamName(param);
  await lock(ctx, channel);
  const cc = await write(ctx, channel, param, data);
  // ipmitool lets FFh through to the read-back (some BMCs answer it for a write that worked).
  if (cc !== 0 && !(cc === 0xff && o.verify)) {
    await rollback(ctx, channel);
    const desc = describeCommandCode(setLanConfigurationParameters, cc);
    throw new CompletionCodeError(setLanConfigurationParameters.name, cc, desc, `Set LAN Parameter '${name}' failed: ${desc}`);
  }
  if (o.verify) {
    ctx.log.verbose(2, 'Waiting for Set LAN Parameter to complete...');
    for (let t = 1; ; t++) {
      let back: Buffer | null = null;
      try {
        back = await readParam(ctx, channel, param);
      } catch (e) {
        if (!(e instanceof CompletionCodeError)) throw e;
      }
      if (back && Buffer.compare(back, Buffer.from(data)) === 0) break;
      if (t >= VERIFY_TRIES) {
        await rollback(ctx, channel);
        // ipmitool's warnings (after ten tries three seconds apart; ipmits waits about three seconds).
        const why = back
          ? back.length !== data.length
            ? `Mismatched data lengths: ${back.length} != ${data.length}`
            : 'LAN Parameter Data does not match!  Write may have failed.'
          : `Set LAN Parameter '${name}' failed: the value cannot be read back`;
        throw new IpmiError('command', 'lan-verify', why);
      }
      await sleep(ctx.deps.clock, VERIFY_PAUSE_MS);
    }
  }
  await commit(ctx, channel);
}
