/** `mc info`: Get Device ID with the manufacturer's and product's names. IPMI v2.0 §20.1. */
import { getDeviceId, type DeviceId } from '../../ipmi/cmds/app/get-device-id.js';
import { loadPenRegistry, loadPenRegistryFor, manufacturerName, type PenRegistry } from '../../spec/iana.js';
import { productName } from '../../spec/oem-products.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { noMoreArgs } from './args.js';
import { colon, invoke } from '../shared/invoke.js';

/** Additional Device Support bits 0-7 (IPMI v2.0 §20.1 Table 20-2, byte 7), ipmitool's names. */
export const DEVICE_SUPPORT = [
  'Sensor Device',
  'SDR Repository Device',
  'SEL Device',
  'FRU Inventory Device',
  'IPMB Event Receiver',
  'IPMB Event Generator',
  'Bridge',
  'Chassis Device',
] as const;

export interface McInfo {
  deviceId: number;
  deviceRevision: number;
  firmwareMajor: number;
  /** BCD byte as sent: ipmitool prints it with %02x. */
  firmwareMinor: number;
  /** BCD byte: major in the low nibble, minor in the high nibble. */
  ipmiVersion: number;
  manufacturerId: number;
  /** IANA registry name (ipmitool's for 0 and 0FFFFFh); undefined when unknown. */
  manufacturerName?: string;
  productId: number;
  /** undefined when ipmitool does not know the product. */
  productName?: string;
  deviceAvailable: boolean;
  providesDeviceSdrs: boolean;
  additionalDeviceSupport: string[];
  /** Only when the reply carries it (15 bytes), as ipmitool prints it. */
  auxFirmwareRevision?: Buffer;
}

export function viewDeviceId(d: DeviceId, registry: PenRegistry): McInfo {
  const v: McInfo = {
    deviceId: d.deviceId,
    deviceRevision: d.deviceRevision,
    firmwareMajor: d.firmwareMajor,
    firmwareMinor: d.firmwareMinor,
    ipmiVersion: d.ipmiVersion,
    manufacturerId: d.manufacturerId,
    productId: d.productId,
    deviceAvailable: d.deviceAvailable,
    providesDeviceSdrs: d.providesDeviceSdrs,
    additionalDeviceSupport: DEVICE_SUPPORT.filter((_, i) => d.additionalSupport & (1 << i)),
  };
  const manufacturer = manufacturerName(registry, d.manufacturerId);
  if (manufacturer !== undefined) v.manufacturerName = manufacturer;
  const product = productName(d.manufacturerId, d.productId);
  if (product !== undefined) v.productName = product;
  if (d.length === 15 && d.auxFirmware) v.auxFirmwareRevision = d.auxFirmware;
  return v;
}

export async function info(ctx: Context, args: string[]): Promise<Report<McInfo>> {
  noMoreArgs(args, 'mc info');
  const d = await invoke(ctx, getDeviceId, undefined, {
    failed: colon('Get Device ID command failed'),
    noResponse: 'Get Device ID command failed',
  });
  ctx.log.verbose(1, 'Loading IANA PEN Registry...');
  // Read up to the entry only, unless the caller reads whole files for several hosts (a fleet run).
  const { env, readFile, openFile } = ctx.deps;
  const { registry, warnings } = readFile
    ? loadPenRegistry(env, readFile)
    : await loadPenRegistryFor(env, d.manufacturerId, openFile ?? (await import('../../runtime/open-file.js')).openFile);
  for (const w of warnings) ctx.log.verbose(1, w);
  return report('mc.info', viewDeviceId(d, registry));
}
