/**
 * `pef info`: the alert policy table size (parameter 8), Get PEF Capabilities (IPMI v2.0 §30.1)
 * and the system GUID (PEF parameter 10, else Get System GUID §22.14), as ipmi_pef2_get_info.
 */
import { CompletionCodeError, IpmiError } from '../../errors.js';
import { getSystemGuid } from '../../ipmi/cmds/app/get-system-guid.js';
import { getPefCapabilities, type PefCapabilities } from '../../ipmi/cmds/sensor/get-pef-capabilities.js';
import { PefParam } from '../../ipmi/cmds/sensor/get-pef-configuration-parameters.js';
import type { Context } from '../../runtime/context.js';
import { evalInvoke, orSay } from '../shared/ccode-wording.js';
import { report, type Report } from '../../report.js';
import { pefParam } from './config.js';

export interface PefInfo {
  capabilities: PefCapabilities;
  policyTableSize: number;
  /** The 16 bytes as sent; undefined when neither source answered. */
  guid?: Buffer;
}

/** The capabilities reply must be exactly 3 bytes (ipmitool). */
export async function capabilities(ctx: Context): Promise<PefCapabilities> {
  const c = await evalInvoke(ctx, getPefCapabilities, undefined);
  if (c.length !== 3) throw new IpmiError('decode', 'decode', 'Unexpected data length received.').withDetail(`Get PEF Capabilities: ${c.length} bytes`);
  return c;
}

export async function policyTableSize(ctx: Context): Promise<number> {
  return (await pefParam(ctx, PefParam.AlertPolicyCount, 0, 2))[0]! & 0x7f;
}

export async function info(ctx: Context): Promise<Report<PefInfo>> {
  const notes: string[] = [];
  let size = 0;
  try {
    size = await policyTableSize(ctx);
  } catch (e) {
    if (!(e instanceof IpmiError) || e.layer === 'transport') throw e;
    notes.push(e.message, 'Failed to get size of PEF Policy Table.');
  }
  const caps = await orSay(() => capabilities(ctx), 'Failed to get PEF Capabilities.');
  let guid: Buffer | undefined;
  try {
    const g = await pefParam(ctx, PefParam.SystemGuid, 0, 18);
    if ((g[0]! & 1) === 1) guid = g.subarray(1, 17);
  } catch (e) {
    if (!(e instanceof CompletionCodeError && e.cc === 0x80)) throw followed(e);
  }
  if (!guid) {
    try {
      guid = await evalInvoke(ctx, getSystemGuid, undefined);
    } catch (e) {
      if (!(e instanceof IpmiError)) throw e;
    }
  }
  const data: PefInfo = { capabilities: caps, policyTableSize: size, ...(guid ? { guid } : {}) };
  return report('pef.info', data, notes.length ? { notes } : {});
}

function followed(e: unknown): unknown {
  if (!(e instanceof IpmiError)) return e;
  const cc = e instanceof CompletionCodeError ? e.cc : -1;
  return new IpmiError(e.layer, e.code, `Failed to get PEF System GUID. ${cc}`, e.message ? [e.message] : []);
}
