/** `sel info`: Get SEL Info (IPMI v2.0 §31.2) and, when supported, Get SEL Allocation Info (§31.3). */
import { CommandError, IpmiError } from '../../errors.js';
import { getSelAllocationInfo } from '../../ipmi/cmds/storage/get-sel-allocation-info.js';
import type { Context } from '../../runtime/context.js';
import type { SelInfoView } from './data.js';
import { colon, invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { selInfo } from './common.js';

/** Operation support bit 0: Get SEL Allocation Info supported. */
const ALLOC_INFO = 0x01;

export async function info(ctx: Context): Promise<Report<SelInfoView>> {
  const i = await selInfo(ctx);
  // ipmitool insists on the 14 bytes of Table 31-2.
  if (i.length !== 14) throw new CommandError(`Get SEL Info command failed: Invalid data length ${i.length}`);
  const view: SelInfoView = { info: i };
  if (!(i.operationSupport & ALLOC_INFO)) return report('sel.info', view);
  try {
    view.alloc = await invoke(ctx, getSelAllocationInfo, undefined, {
      failed: colon('Get SEL Allocation Info command failed'),
      noResponse: 'Get SEL Allocation Info command failed',
    });
  } catch (e) {
    // ipmitool has printed the SEL Info lines by then.
    if (e instanceof IpmiError) return report('sel.info', view, { failure: e });
    throw e;
  }
  return report('sel.info', view);
}
