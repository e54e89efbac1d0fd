import { describe, expect, it } from 'vitest';
import { decodeAddr, devicePaths, encodeAddr } from './linux-ipmi.js';

/* struct ipmi_system_interface_addr / struct ipmi_ipmb_addr images, <linux/ipmi.h> (x86-64: 8 bytes each). */
describe('kernel address images', () => {
  it('system interface: type 0Ch, channel IPMI_BMC_CHANNEL (0Fh), LUN', () => {
    expect(encodeAddr({ type: 'si', lun: 2 }, true).toString('hex')).toBe('0c0000000f000200');
    expect(encodeAddr({ type: 'si', lun: 2 }, false).toString('hex')).toBe('0000000c000f0200');
  });

  it('IPMB: type 01h, channel, slave address, LUN; broadcast is type 41h', () => {
    expect(encodeAddr({ type: 'ipmb', channel: 6, slaveAddr: 0x2c, lun: 0 }, true).toString('hex')).toBe('0100000006002c00');
    expect(encodeAddr({ type: 'ipmb', channel: 0x16, slaveAddr: 0x82, lun: 1, broadcast: true }, true).toString('hex')).toBe('4100000006008201');
  });

  it('decodes what it encodes, and refuses other address types', () => {
    for (const a of [{ type: 'si', lun: 3 } as const, { type: 'ipmb', channel: 7, slaveAddr: 0x72, lun: 2 } as const]) {
      expect(decodeAddr(encodeAddr(a, true), true)).toEqual(a);
      expect(decodeAddr(encodeAddr(a, false), false)).toEqual(a);
    }
    expect(decodeAddr(Buffer.from('0c00000001000000', 'hex'), true)).toEqual({ type: 'si', lun: 0 });
    expect(decodeAddr(Buffer.from('0400000001000000', 'hex'), true)).toBeUndefined(); // LAN address type
    expect(decodeAddr(Buffer.alloc(3), true)).toBeUndefined();
  });

  it("device nodes in ipmitool's order", () => {
    expect(devicePaths(1)).toEqual(['/dev/ipmi1', '/dev/ipmi/1', '/dev/ipmidev/1']);
  });
});
