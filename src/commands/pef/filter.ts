/**
 * `pef filter list`: every Event Filter Table entry (PEF parameter 6, IPMI v2.0 §30.4 Table 30-6;
 * entry layout §17.7 Table 17-2), as ipmi_pef2_list_filters: an entry that cannot be read is
 * reported on stderr and skipped.
 */
import { CommandError, IpmiError } from '../../errors.js';
import { PefParam } from '../../ipmi/cmds/sensor/get-pef-configuration-parameters.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { pefParam } from './config.js';
import { capabilities } from './info.js';

export interface PefFilter {
  id: number;
  /** Byte 1: b7 enabled, b6:5 type (00b configurable, 10b pre-configured). */
  config: number;
  action: number;
  policyNumber: number;
  severity: number;
  generatorAddress: number;
  generatorLun: number;
  sensorType: number;
  sensorNumber: number;
  eventTrigger: number;
  /** Event data 1 offset mask (bytes 10-11, least significant first). */
  offsetMask: number;
  /** Bytes 12-20: AND masks and compare values. */
  eventData: Buffer;
}

export interface PefFilters {
  filters: PefFilter[];
}

/** Table 17-2 from the 20 bytes after the filter number. */
export function parseFilter(id: number, e: Buffer): PefFilter {
  return {
    id,
    config: e[0]!,
    action: e[1]!,
    policyNumber: e[2]! & 0x0f,
    severity: e[3]!,
    generatorAddress: e[4]!,
    generatorLun: e[5]!,
    sensorType: e[6]!,
    sensorNumber: e[7]!,
    eventTrigger: e[8]!,
    offsetMask: e.readUInt16LE(9),
    eventData: Buffer.from(e.subarray(11, 20)),
  };
}

export async function filterList(ctx: Context): Promise<Report<PefFilters>> {
  const caps = await capabilities(ctx);
  if (caps.eventFilterCount === 0) throw new CommandError("PEF Event Filtering isn't supported.", 'unsupported');
  const filters: PefFilter[] = [];
  const notes: string[] = [];
  for (let id = 1; id <= caps.eventFilterCount; id++) {
    try {
      const d = await pefParam(ctx, PefParam.EventFilterTable, id, 22);
      filters.push(parseFilter(d[0]!, d.subarray(1)));
    } catch (e) {
      if (!(e instanceof IpmiError) || e.layer === 'transport' || e.layer === 'device') throw e;
      notes.push(e.message, `Failed to get PEF Event Filter Entry ${id}.`);
    }
  }
  return report('pef.filter.list', { filters }, notes.length ? { notes } : {});
}
