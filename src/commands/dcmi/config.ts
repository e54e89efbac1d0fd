/** `dcmi get_conf_param` and `set_conf_param`: DCMI configuration parameters 1-5 (DCMI v1.5 §6.1.2, §6.1.3 Table 6-6). */
import { CommandError, IpmiError } from '../../errors.js';
import { getDcmiConfigurationParameters } from '../../ipmi/cmds/group/get-dcmi-configuration-parameters.js';
import { setDcmiConfigurationParameters } from '../../ipmi/cmds/group/set-dcmi-configuration-parameters.js';
import { HelpRequest, UsageError } from '../../errors.js';
import { parseCNumber } from '../../runtime/numbers.js';
import { CONF_PARAM_USAGE } from './usage.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
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
    return report('dcmi.confparam', {
      dhcpDiscovery: p2[0]!,
      initialTimeoutSec: p3[0]!,
      serverContactTimeoutSec: p4.readUInt16LE(0),
      serverContactRetrySec: p5.readUInt16LE(0),
    });
  } catch (e) {
    if (!(e instanceof IpmiError) || e.code === 'no-dcmi') throw e;
    throw new CommandError('Error Get DCMI Configuration Parameters!', e.code, [...e.preamble, e.message]);
  }
}

/** Parameter words of `set_conf_param` (ipmitool's dcmi_conf_param_vals); 4 and 5 are 16-bit. */
const CONF_PARAMS: Readonly<Record<string, number>> = { activate_dhcp: 1, dhcp_config: 2, init: 3, timeout: 4, retry: 5 };

export interface DcmiConfigSet {
  param: string;
  value: number;
}

export async function setConfigParam(ctx: Context, args: string[]): Promise<Report<DcmiConfigSet>> {
  const [word, text] = args;
  if (word === undefined || word === 'help' || (word === 'activate_dhcp' ? args.length !== 1 : args.length !== 2))
    throw new HelpRequest(CONF_PARAM_USAGE, true);
  const param = CONF_PARAMS[word.toLowerCase()];
  if (param === undefined) throw new UsageError(`Invalid DCMI configuration parameter: ${word}`, CONF_PARAM_USAGE);
  const value = param === 1 ? 1 : parseCNumber(text!);
  if (value === undefined || value < 0 || value > (param > 3 ? 0xffff : 0xff)) throw new UsageError(`Given ${word} '${text}' is invalid.`);
  const data = param > 3 ? Uint8Array.of(value & 0xff, value >> 8) : Uint8Array.of(value);
  try {
    await dcmiCall(ctx, setDcmiConfigurationParameters, { param, data });
  } catch (e) {
    if (!(e instanceof IpmiError) || e.code === 'no-dcmi') throw e;
    throw new CommandError('Error Set DCMI Configuration Parameters!', e.code, [...e.preamble, e.message]);
  }
  return report('dcmi.confparam.set', { param: word.toLowerCase(), value });
}
