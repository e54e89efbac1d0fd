/** `dcmi get_conf_param`: DCMI configuration parameters 2-5 (DCMI v1.5 §6.1.3 Table 6-6). */
import { CommandError, IpmiError } from '../../errors.js';
import { getDcmiConfigurationParameters } from '../../ipmi/cmds/group/get-dcmi-configuration-parameters.js';
import type { Context } from '../../cli/context.js';
import { report, type Report } from '../report.js';
import { dcmiCall } from './call.js';

export interface DcmiConfig {
  /** Parameter 2: b0 option 12 (management controller ID string), b1 option 60/43 (vendor class). */
  dhcpDiscovery: number;
  /** Parameter 3, seconds. */
  initialTimeoutSec: number;
  /** Parameters 4 and 5, seconds. */
  serverContactTimeoutSec: number;
  serverContactRetrySec: number;
}

export async function configParams(ctx: Context): Promise<Report<DcmiConfig>> {
  const read = async (param: number): Promise<Buffer> => {
    const d = (await dcmiCall(ctx, getDcmiConfigurationParameters, { param })).value.data;
    return Buffer.concat([d, Buffer.alloc(2)]);
  };
  try {
    const p2 = await read(2);
    const p3 = await read(3);
    const p4 = await read(4);
    const p5 = await read(5);
    return report('dcmi.confparam', { dhcpDiscovery: p2[0]!, initialTimeoutSec: p3[0]!, serverContactTimeoutSec: p4.readUInt16LE(0), serverContactRetrySec: p5.readUInt16LE(0) });
  } catch (e) {
    if (!(e instanceof IpmiError) || e.code === 'no-dcmi') throw e;
    throw new CommandError('Error Get DCMI Configuration Parameters!', e.code, [...e.preamble, e.message]);
  }
}
