/** Get Device ID (App 01h). IPMI v2.0 §20.1 Table 20-2. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface DeviceId {
  deviceId: number;
  deviceRevision: number;
  providesDeviceSdrs: boolean;
  /** false while a firmware update or self-initialisation is in progress (fw rev 1 bit 7). */
  deviceAvailable: boolean;
  firmwareMajor: number;
  /** BCD byte as sent (ipmitool prints it with %02x). */
  firmwareMinor: number;
  /** BCD: major in the low nibble, minor in the high nibble. */
  ipmiVersion: number;
  additionalSupport: number;
  manufacturerId: number;
  productId: number;
  auxFirmware?: Buffer;
  /** Raw response data length (ipmitool prints aux info only for 15-byte replies). */
  length: number;
}

export const getDeviceId = defineCommand<void, DeviceId>({
  name: 'Get Device ID',
  netFn: NetFn.App,
  cmd: 0x01,
  spec: 'IPMI v2.0 §20.1',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get Device ID');
    const deviceId = r.u8();
    const rev = r.u8();
    const fw1 = r.u8();
    const fw2 = r.u8();
    const ipmiVersion = r.u8();
    const additionalSupport = r.u8();
    // 20 bits in the spec; ipmitool prints (and looks up) all 24, and so do we.
    const manufacturerId = r.u24();
    const productId = r.u16();
    const aux = r.remaining >= 4 ? Buffer.from(r.bytes(4)) : undefined;
    return {
      deviceId,
      deviceRevision: rev & 0x0f,
      providesDeviceSdrs: (rev & 0x80) !== 0,
      deviceAvailable: (fw1 & 0x80) === 0,
      firmwareMajor: fw1 & 0x7f,
      firmwareMinor: fw2,
      ipmiVersion,
      additionalSupport,
      manufacturerId,
      productId,
      auxFirmware: aux,
      length: data.length,
    };
  },
});
