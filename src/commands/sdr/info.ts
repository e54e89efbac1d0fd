/** `sdr info`: Get SDR Repository Info (IPMI v2.0 §33.9), ipmitool's ipmi_sdr_print_info. */
import type { Context } from '../../runtime/context.js';
import { getSdrRepositoryInfo } from '../../ipmi/cmds/storage/get-sdr-repository-info.js';
import { colon, invoke } from '../shared/invoke.js';
import { report, type Outcome } from '../../report.js';
import type { SdrInfoView } from './data.js';

export async function info(ctx: Context): Promise<Outcome> {
  const i = await invoke(ctx, getSdrRepositoryInfo, undefined, {
    failed: colon('Get SDR Repository Info command failed'),
    noResponse: 'Get SDR Repository Info command failed',
  });
  return report<SdrInfoView>('sdr.info', { info: i });
}
