/** Opening a FRU device for a verb: Get FRU Inventory Area Info (IPMI v2.0 §34.1), then a FruDevice over the session. */
import type { Context } from '../../runtime/context.js';
import { IpmiError } from '../../errors.js';
import { describeCommandCode } from '../../ipmi/completion-codes.js';
import { getFruInventoryAreaInfo } from '../../ipmi/cmds/storage/get-fru-inventory-area-info.js';
import { FruDevice } from '../../fru/device.js';

export type Opened = { ok: true; device: FruDevice } | { ok: false; cc: number | undefined; reason: string };

/** undefined cc: no answer. */
export async function openFru(ctx: Context, id: number): Promise<Opened> {
  const client = await ctx.client();
  let r: { cc: number; value?: { size: number; byWords: boolean } };
  try {
    r = await client.try(getFruInventoryAreaInfo, id);
  } catch (e) {
    if (e instanceof IpmiError && (e.layer === 'transport' || e.layer === 'device')) return { ok: false, cc: undefined, reason: 'No Response' };
    throw e;
  }
  if (r.cc !== 0) return { ok: false, cc: r.cc, reason: describeCommandCode(getFruInventoryAreaInfo, r.cc) };
  const chunk = Number(ctx.deps.env.IPMITS_FRU_CHUNK) || undefined;
  return { ok: true, device: new FruDevice(client, id, r.value!, { ...(chunk ? { chunk } : {}), log: (l, s) => ctx.log.verbose(l, s) }) };
}
