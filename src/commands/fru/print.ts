/**
 * `fru print [id]` (= `fru`, `fru list`): the built-in FRU 0 and every FRU device
 * locator in the SDRs (ipmitool's ipmi_fru_print_all), or one device's areas.
 */
import { nodeFs } from '../../node-fs.js';
import type { Context } from '../../runtime/context.js';
import { CommandError, IpmiError } from '../../errors.js';
import { getDeviceId } from '../../ipmi/cmds/app/get-device-id.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import { readInventory } from '../../fru/inventory.js';
import type { FruInventory } from '../../fru/parse.js';
import { FruAccessError } from '../../fru/device.js';
import { sensorName, type SdrRecord } from '../../sdr/index.js';
import { sdrOf } from '../shared/sdr.js';
import { loadPenRegistry, manufacturerName } from '../../spec/iana.js';
import { report, type Report } from '../../report.js';
import { fruId } from './args.js';
import { openFru } from './device.js';
import { hex2 } from '../../format/c-printf.js';

/** ipmitool's own address: locators elsewhere need IPMB bridging. */
const BMC_ADDRESS = 0x20;

export interface FruDeviceView {
  id: number;
  /** The "FRU Device Description" header (absent for `fru print <id>`). */
  description?: string;
  source: 'builtin' | 'locator' | 'mc' | 'id';
  /** From the locator record. */
  locator?: { accessAddress: number; channel: number; lun: number; deviceType: number; deviceTypeModifier: number; entityId: number; entityInstance: number };
  /**
   * ok: inventory read. absent: Get FRU Inventory Area Info or the header read failed
   * (`reason` as ipmitool words it). invalid: the device answered but holds no FRU
   * data ipmitool prints (`reason` is its stderr line, less the leading space). unsupported: a locator ipmitool
   * cannot print. bridged: behind another controller (not reachable without IPMB bridging).
   * skipped: built-in FRU 0 when the BMC has no FRU inventory support.
   */
  status: 'ok' | 'absent' | 'invalid' | 'unsupported' | 'bridged' | 'skipped';
  reason?: string;
  size?: number;
  byWords?: boolean;
  inventory?: FruInventory;
}

export interface FruPrint {
  all: boolean;
  devices: FruDeviceView[];
  /** IANA names of the OEM multi-record manufacturers (ipmitool prints them with -v). */
  manufacturerNames: Record<number, string>;
}

/**
 * Names for OEM records' manufacturer IDs, from the IANA registry: read only when there are
 * such records and they are shown (-v text, --json).
 */
function manufacturerNamesOf(ctx: Context, devices: FruDeviceView[]): Record<number, string> {
  if (ctx.options.verbose === 0 && ctx.options.format !== 'json') return {};
  const ids = devices.flatMap((d) => d.inventory?.multiRecords ?? []).flatMap((r) => (r.decoded?.kind === 'oem' ? [r.decoded.manufacturerId] : []));
  if (ids.length === 0) return {};
  const { registry } = loadPenRegistry(ctx.deps.env, ctx.deps.readFile ?? ((p) => nodeFs().readFileSync(p)));
  const out: Record<number, string> = {};
  for (const id of ids) {
    const name = manufacturerName(registry, id);
    if (name !== undefined) out[id] = name;
  }
  return out;
}

const failed = (d: FruDeviceView): boolean => d.status !== 'ok' && d.status !== 'skipped';

/** One device: info, then the areas (also `sel get`, for the FRUs of an event's entity). */
export async function readDevice(ctx: Context, view: FruDeviceView): Promise<FruDeviceView> {
  const opened = await openFru(ctx, view.id);
  if (!opened.ok) return { ...view, status: 'absent', reason: opened.reason };
  const dev = opened.device;
  view = { ...view, size: dev.size, byWords: dev.info.byWords };
  ctx.log.verbose(2, `fru.size = ${dev.size} bytes (accessed by ${dev.info.byWords ? 'words' : 'bytes'})`);
  if (dev.size < 1) return { ...view, status: 'invalid', reason: `Invalid FRU size ${dev.size}` };
  let inventory: FruInventory;
  try {
    inventory = await readInventory(dev);
  } catch (e) {
    if (e instanceof FruAccessError) return { ...view, status: 'absent', reason: e.description };
    // No answer: the caller stops and fails with it (exit 3, the cause on stderr), no later device would answer either.
    if (e instanceof IpmiError && e.layer === 'transport') throw e;
    if (e instanceof IpmiError && e.layer === 'decode') return { ...view, status: 'absent', reason: 'No Response' };
    throw e;
  }
  if (inventory.header?.version !== 1) {
    return { ...view, status: 'invalid', reason: `Unknown FRU header version 0x${(dev.image()[0] ?? 0).toString(16).padStart(2, '0')}`, inventory };
  }
  return { ...view, status: 'ok', inventory };
}

/** ipmi_fru_print: which locators are printed, and how. */
export function locatorView(r: SdrRecord & { kind: 'fru' }, verbose: number): FruDeviceView | undefined {
  // Logical FRU devices of type 10h, or EEPROMs (08h-0Fh) holding IPMI FRU inventory (modifier 02h).
  if (r.deviceType !== 0x10 && (r.deviceTypeModifier !== 0x02 || r.deviceType < 0x08 || r.deviceType > 0x0f)) return undefined;
  if (r.accessAddress === BMC_ADDRESS && r.fruDeviceId === 0) return undefined;
  const view: FruDeviceView = {
    id: r.fruDeviceId,
    description: `${sensorName(r.idCode, r.idField)} (ID ${r.fruDeviceId})`,
    source: 'locator',
    locator: {
      accessAddress: r.accessAddress,
      channel: r.channel,
      lun: r.lun,
      deviceType: r.deviceType,
      deviceTypeModifier: r.deviceTypeModifier,
      entityId: r.entity.id,
      entityInstance: r.entity.instance,
    },
    status: 'ok',
  };
  if (r.deviceTypeModifier !== 0x00 && r.deviceTypeModifier !== 0x02) {
    const detail = `Unsupported device 0x${hex2(r.fruDeviceId)} type 0x${hex2(r.deviceType)} with modifier 0x${hex2(r.deviceTypeModifier)}`;
    return { ...view, status: 'unsupported', reason: verbose ? detail : 'Unsupported device' };
  }
  if (r.accessAddress !== BMC_ADDRESS || r.channel !== 0) return { ...view, status: 'bridged', reason: 'bridged FRU access (IPMB) is not supported by ipmits' };
  return view;
}

async function printAll(ctx: Context): Promise<Report<FruPrint>> {
  const client = await ctx.client();
  const devices: FruDeviceView[] = [];
  const builtin: FruDeviceView = { id: 0, description: 'Builtin FRU Device (ID 0)', source: 'builtin', status: 'ok' };
  const done = (failure?: IpmiError): Report<FruPrint> => {
    const data = { all: true, devices, manufacturerNames: manufacturerNamesOf(ctx, devices) };
    const bad = devices.find(failed);
    const f = failure ?? damaged(devices) ?? (bad ? new CommandError('', 'fru-device') : undefined);
    return report('fru.print', data, { ...(f ? { failure: f } : {}), notes: notesOf(devices) });
  };
  let dev;
  try {
    dev = await client.try(getDeviceId, undefined);
  } catch (e) {
    if (!(e instanceof IpmiError) || e.layer !== 'transport') throw e;
    devices.push({ ...builtin, status: 'skipped' });
    return done(new CommandError('Get Device ID command failed', 'no-response'));
  }
  if (dev.cc !== 0 || !dev.value) {
    devices.push({ ...builtin, status: 'skipped' });
    return done(new CommandError(`Get Device ID command failed: ${describeCompletionCode(dev.cc)}`, 'completion-code'));
  }
  if ((dev.value.additionalSupport & 0x08) === 0) devices.push({ ...builtin, status: 'skipped' });
  else {
    const read = await unanswered(ctx, builtin);
    devices.push(read.view);
    if (read.error) return done(read.error);
  }
  let records: SdrRecord[];
  try {
    records = await sdrOf(ctx).load();
  } catch (e) {
    if (e instanceof IpmiError) return done(e);
    throw e;
  }
  for (const r of records) {
    if (r.kind === 'mc') {
      // Satellite controllers with FRU inventory: FRU 0 at their address (needs bridging).
      if ((r.capabilities & 0x08) !== 0 && r.slaveAddress !== BMC_ADDRESS) {
        devices.push({
          id: 0,
          description: sensorName(16, r.idField).padEnd(16),
          source: 'mc',
          status: 'bridged',
          reason: 'bridged FRU access (IPMB) is not supported by ipmits',
        });
      }
      continue;
    }
    if (r.kind !== 'fru' || !r.logical) continue;
    const v = locatorView(r, ctx.options.verbose);
    if (!v) continue;
    const read = v.status === 'ok' ? await unanswered(ctx, v) : { view: v };
    devices.push(read.view);
    if (read.error) return done(read.error);
  }
  // An SDR walk that ended early may have left FRU locators out (issue 15: never a silent short list).
  const gaps = sdrOf(ctx).incomplete;
  if (gaps.length) return done(new CommandError(gaps.at(-1)!, 'incomplete', gaps.slice(0, -1)));
  return done();
}

/**
 * Inventory data that fails its checksums or does not parse (each problem is a stderr note) was
 * printed as far as it goes: the command fails (exit 5, code `fru-damaged`).
 */
function damaged(devices: readonly FruDeviceView[]): IpmiError | undefined {
  const ids = devices.filter((d) => d.status === 'ok' && (d.inventory?.problems.length ?? 0) > 0).map((d) => d.id);
  if (ids.length === 0) return undefined;
  return new IpmiError('decode', 'fru-damaged', `FRU data failed its checks (checksum or layout): FRU ${ids.join(', ')}`);
}

/** readDevice, with a request the BMC never answered turned into the device's 'No Response' and the error to fail with. */
async function unanswered(ctx: Context, view: FruDeviceView): Promise<{ view: FruDeviceView; error?: IpmiError }> {
  try {
    return { view: await readDevice(ctx, view) };
  } catch (e) {
    if (!(e instanceof IpmiError) || e.layer !== 'transport') throw e;
    return { view: { ...view, status: 'absent', reason: 'No Response' }, error: e };
  }
}

/** stderr lines: ipmitool's for invalid devices, ours for bridged ones and for damaged FRU data. */
export function notesOf(devices: FruDeviceView[]): string[] {
  const out: string[] = [];
  for (const d of devices) {
    if (d.status === 'invalid' && d.reason) out.push(` ${d.reason}`); // ipmitool's stderr line starts with a space
    if (d.status === 'bridged') out.push(`FRU ${d.id}${d.locator ? ` at 0x${hex2(d.locator.accessAddress)}` : ''}: ${d.reason}`);
    for (const p of d.inventory?.problems ?? []) if (d.status === 'ok') out.push(`FRU ${d.id}: ${p}`);
  }
  return out;
}

export async function print(ctx: Context, args: string[]): Promise<Report<FruPrint>> {
  if (args.length === 0) return printAll(ctx);
  const id = fruId(args[0]!);
  const { view: d, error } = await unanswered(ctx, { id, source: 'id', status: 'ok' });
  const failure = error ?? damaged([d]) ?? (failed(d) ? new CommandError('', 'fru-device') : undefined);
  return report(
    'fru.print',
    { all: false, devices: [d], manufacturerNames: manufacturerNamesOf(ctx, [d]) },
    { notes: notesOf([d]), ...(failure ? { failure } : {}) },
  );
}
