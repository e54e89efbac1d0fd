/** Get PEF Configuration Parameters (IPMI v2.0 §30.4) with ipmitool's length checks and wording. */
import { DecodeError, IpmiError } from '../../errors.js';
import { getPefConfigurationParameters } from '../../ipmi/cmds/sensor/get-pef-configuration-parameters.js';
import type { Context } from '../../runtime/context.js';
import { evalInvoke } from '../shared/ccode-wording.js';

/** Parameter data (after the revision byte); `length` is what ipmitool insists on (revision included). */
export async function pefParam(ctx: Context, param: number, set: number, length: number): Promise<Buffer> {
  const r = await evalInvoke(ctx, getPefConfigurationParameters, { param, set });
  if (r.data.length + 1 !== length) {
    throw new IpmiError('decode', 'decode', 'Unexpected data length received.').withDetail(
      new DecodeError(`Get PEF Configuration Parameters ${param}: ${r.data.length + 1} bytes, expected ${length}`).message,
    );
  }
  return r.data;
}
