/**
 * Facts of the Linux IPMI device interface ABI (<linux/ipmi.h>), kept on the TypeScript
 * side so the addon stays a byte mover: address types, receive types, and the
 * struct ipmi_addr images for the system interface and IPMB addresses.
 */
import { endianness } from 'node:os';

export const IPMI_SYSTEM_INTERFACE_ADDR_TYPE = 0x0c;
export const IPMI_IPMB_ADDR_TYPE = 0x01;
export const IPMI_IPMB_BROADCAST_ADDR_TYPE = 0x41;
/** The channel number the kernel uses for the BMC itself (system interface). */
export const IPMI_BMC_CHANNEL = 0x0f;

export const RecvType = {
  Response: 1,
  AsyncEvent: 2,
  Command: 3,
  ResponseResponse: 4,
  Oem: 5,
} as const;

/** Where a request goes: the BMC through the system interface, or an IPMB address behind it. */
export type KernelAddr = { type: 'si'; lun: number } | { type: 'ipmb'; channel: number; slaveAddr: number; lun: number; broadcast?: boolean };

/** sizeof(struct ipmi_system_interface_addr) and sizeof(struct ipmi_ipmb_addr) on Linux. */
const ADDR_SIZE = 8;

/**
 * struct ipmi_system_interface_addr { int addr_type; short channel; unsigned char lun; }
 * struct ipmi_ipmb_addr { int addr_type; short channel; unsigned char slave_addr; unsigned char lun; }
 * in the machine's byte order.
 */
export function encodeAddr(a: KernelAddr, le = endianness() === 'LE'): Buffer {
  const b = Buffer.alloc(ADDR_SIZE);
  const type = a.type === 'si' ? IPMI_SYSTEM_INTERFACE_ADDR_TYPE : a.broadcast ? IPMI_IPMB_BROADCAST_ADDR_TYPE : IPMI_IPMB_ADDR_TYPE;
  const channel = a.type === 'si' ? IPMI_BMC_CHANNEL : a.channel & 0x0f;
  if (le) {
    b.writeInt32LE(type, 0);
    b.writeInt16LE(channel, 4);
  } else {
    b.writeInt32BE(type, 0);
    b.writeInt16BE(channel, 4);
  }
  if (a.type === 'si') b[6] = a.lun & 3;
  else {
    b[6] = a.slaveAddr & 0xff;
    b[7] = a.lun & 3;
  }
  return b;
}

/** The address a received message came from; undefined for types this client never uses. */
export function decodeAddr(b: Uint8Array, le = endianness() === 'LE'): KernelAddr | undefined {
  if (b.length < 7) return undefined;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.length);
  const type = le ? buf.readInt32LE(0) : buf.readInt32BE(0);
  const channel = le ? buf.readInt16LE(4) : buf.readInt16BE(4);
  if (type === IPMI_SYSTEM_INTERFACE_ADDR_TYPE) return { type: 'si', lun: buf[6]! & 3 };
  if ((type === IPMI_IPMB_ADDR_TYPE || type === IPMI_IPMB_BROADCAST_ADDR_TYPE) && b.length >= 8) {
    return { type: 'ipmb', channel, slaveAddr: buf[6]!, lun: buf[7]! & 3, ...(type === IPMI_IPMB_BROADCAST_ADDR_TYPE ? { broadcast: true } : {}) };
  }
  return undefined;
}

/** The device nodes ipmitool tries for -d N, in its order. */
export function devicePaths(devnum: number): string[] {
  return [`/dev/ipmi${devnum}`, `/dev/ipmi/${devnum}`, `/dev/ipmidev/${devnum}`];
}
