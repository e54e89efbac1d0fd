/** Set LAN Configuration Parameters (Transport 01h). IPMI v2.0 §23.1 Table 23-2. */
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface SetLanConfigRequest {
  channel: number;
  param: number;
  data: Uint8Array;
}

export const setLanConfigurationParameters = defineCommand<SetLanConfigRequest, void>({
  name: 'Set LAN Configuration Parameters',
  netFn: NetFn.Transport,
  cmd: 0x01,
  spec: 'IPMI v2.0 §23.1',
  encode: (r) => Uint8Array.from([r.channel & 0x0f, r.param & 0xff, ...r.data]),
  decode: ignoreData,
  // ipmitool's wording (lib/ipmi_lanp.c set_lan_cc_vals, "wrote-only" sic).
  completionCodes: {
    0x80: 'Unsupported parameter',
    0x81: "Attempt to set 'in progress' while not in 'complete' state",
    0x82: 'Parameter is read-only',
    0x83: 'Parameter is wrote-only',
  },
});
