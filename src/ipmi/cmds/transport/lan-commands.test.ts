/**
 * Known-answer vectors for the Transport commands behind `lan`: replies as ipmi_sim sent them
 * (`ipmitool raw 0x0c ...` on the project's simulator), requests per the IPMI v2.0 tables cited.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../errors.js';
import { describeCommandCode } from '../../completion-codes.js';
import { NetFn } from '../../netfn.js';
import { getIpUdpRmcpStatistics } from './get-ip-udp-rmcp-statistics.js';
import { getLanConfigurationParameters } from './get-lan-configuration-parameters.js';
import { setLanConfigurationParameters } from './set-lan-configuration-parameters.js';

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('command numbers (IPMI v2.0 Appendix G, Transport netFn 0Ch)', () => {
  it.each([
    { cmd: setLanConfigurationParameters, code: 0x01 },
    { cmd: getLanConfigurationParameters, code: 0x02 },
    { cmd: getIpUdpRmcpStatistics, code: 0x04 },
  ])('$cmd.name', ({ cmd, code }) => {
    expect(cmd.netFn).toBe(NetFn.Transport);
    expect(cmd.cmd).toBe(code);
    expect(cmd.spec).toMatch(/^IPMI v2\.0 §23\.\d$/);
  });
});

describe('Get LAN Configuration Parameters (§23.2 Table 23-3)', () => {
  it('request: channel (bit 7 = revision only), parameter, set selector, block selector', () => {
    expect(hex(getLanConfigurationParameters.encode({ channel: 1, param: 3 }))).toBe('01030000');
    expect(hex(getLanConfigurationParameters.encode({ channel: 1, param: 19, set: 2 }))).toBe('01130200');
    expect(hex(getLanConfigurationParameters.encode({ channel: 1, param: 0, revisionOnly: true }))).toBe('81000000');
  });

  it('ipmi_sim, parameter 3 (IP address 127.0.0.6): revision 11h then the 4 bytes', () => {
    expect(getLanConfigurationParameters.decode(bytes('11 7f000006'))).toEqual({ revision: 0x11, data: bytes('7f000006') });
  });

  it('ipmi_sim, parameter 5 (MAC) and 24 (cipher suite privileges, Table 23-4): data kept as sent', () => {
    expect(getLanConfigurationParameters.decode(bytes('11 525400aabbcc')).data).toEqual(bytes('525400aabbcc'));
    expect(getLanConfigurationParameters.decode(bytes('11 00 40 44 00 44 04 40 04 00')).data.length).toBe(9);
  });

  it('an empty reply is a DecodeError; 80h reads "Unsupported parameter" (ipmitool get_lan_cc_vals)', () => {
    expect(() => getLanConfigurationParameters.decode(bytes(''))).toThrow(DecodeError);
    expect(describeCommandCode(getLanConfigurationParameters, 0x80)).toBe('Unsupported parameter');
  });
});

describe('Set LAN Configuration Parameters (§23.1 Table 23-2)', () => {
  it('lan set 1 ipaddr 127.0.0.5: channel, parameter 3, the address', () => {
    expect(hex(setLanConfigurationParameters.encode({ channel: 1, param: 3, data: bytes('7f000005') }))).toBe('01037f000005');
  });

  it('set in progress: parameter 0, 01h set in progress / 02h commit write / 00h set complete', () => {
    expect(hex(setLanConfigurationParameters.encode({ channel: 1, param: 0, data: Uint8Array.of(1) }))).toBe('010001');
    expect(hex(setLanConfigurationParameters.encode({ channel: 1, param: 0, data: Uint8Array.of(2) }))).toBe('010002');
  });

  it("command-specific codes 80h-83h in ipmitool's words", () => {
    expect(describeCommandCode(setLanConfigurationParameters, 0x81)).toBe("Attempt to set 'in progress' while not in 'complete' state");
    expect(describeCommandCode(setLanConfigurationParameters, 0x82)).toBe('Parameter is read-only');
  });
});

describe('Get IP/UDP/RMCP Statistics (§23.4 Table 23-6)', () => {
  it('request: channel, byte 2 bit 0 = clear after reading', () => {
    expect(hex(getIpUdpRmcpStatistics.encode({ channel: 1, clear: false }))).toBe('0100');
    expect(hex(getIpUdpRmcpStatistics.encode({ channel: 1, clear: true }))).toBe('0101');
  });

  it('nine 16-bit counters, least significant byte first', () => {
    const s = getIpUdpRmcpStatistics.decode(bytes('0100 0200 0300 0400 0501 0600 0700 0800 ff00'));
    expect(s).toMatchObject({
      ipPacketsReceived: 1,
      ipHeaderErrors: 2,
      ipAddressErrors: 3,
      ipFragmentedPackets: 4,
      ipPacketsTransmitted: 0x0105,
      udpPacketsReceived: 6,
      rmcpPacketsReceived: 7,
      udpProxyPacketsReceived: 8,
      udpProxyPacketsDropped: 0xff,
    });
  });

  it('a BMC that stops early: the missing counters read 0', () => {
    expect(getIpUdpRmcpStatistics.decode(bytes('0100 0200'))).toMatchObject({ ipPacketsReceived: 1, ipHeaderErrors: 2, udpProxyPacketsDropped: 0 });
  });
});
