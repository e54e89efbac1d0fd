/** `dcmi discover`: Get DCMI Capabilities Info for parameters 1-4 (DCMI v1.5 §6.1.1). */
import { CommandError, IpmiError } from '../../errors.js';
import { getDcmiCapabilitiesInfo, type DcmiCapabilities } from '../../ipmi/cmds/group/get-dcmi-capabilities-info.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { dcmiCall } from './call.js';

export interface DcmiDiscovery {
  /** Selectors 1 (platform), 2 (mandatory attributes), 3 (optional attributes), 4 (manageability access). */
  parameters: { selector: number; caps: DcmiCapabilities }[];
}

const SELECTOR_NAMES = ['platform', 'mandatory_attributes', 'optional_attributes', 'managebility access'];

export async function discover(ctx: Context): Promise<Report<DcmiDiscovery>> {
  const parameters: DcmiDiscovery['parameters'] = [];
  for (let selector = 1; selector <= 4; selector++) {
    try {
      const { value: caps } = await dcmiCall(ctx, getDcmiCapabilitiesInfo, { selector });
      // Conformance 1.0, 1.1 or 1.5 and parameter revision 1 or 2, as ipmitool checks.
      if (caps.major !== 1 || ![0, 1, 5].includes(caps.minor)) throw new CommandError('ERROR!  This command is not available on this platform', 'dcmi-version');
      if (caps.revision !== 1 && caps.revision !== 2) throw new CommandError('ERROR!  This command is not compatible with this version', 'dcmi-version');
      parameters.push({ selector, caps });
    } catch (e) {
      if (!(e instanceof IpmiError) || e.code === 'no-dcmi') throw e;
      const out = new CommandError(`Error discovering ${SELECTOR_NAMES[selector - 1]} capabilities!\n`, e.code, [...e.preamble, e.message]);
      return report('dcmi.discover', { parameters }, { failure: out });
    }
  }
  return report('dcmi.discover', { parameters });
}
