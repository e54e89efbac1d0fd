/**
 * ipmitool's SEL event file (`sel save` writes it; `sel add` and `event file` read it): one
 * event per line, seven bytes of the event message (IPMI v2.0 §29.3 Table 29-5: EvM revision,
 * sensor type, sensor number, direction|type, event data 1-3) and a comment. Pure.
 */
import { eventDescription, sensorTypeName, type OemContext } from '../spec/sensor-events.js';
import { parseSelRecord, swapRawFileLayout, SYSTEM_EVENT_RECORD, type EventMessage, type SelRecord, type SystemEventRecord } from './record.js';
import { hex2p } from '../format/c-printf.js';

/**
 * ipmitool reads every record as a system event record here, OEM records included (their
 * bytes 9-15 in its in-memory layout stand in for the event fields).
 */
function asSystemEvent(r: SelRecord): SystemEventRecord {
  const b = swapRawFileLayout(r.raw);
  b[2] = SYSTEM_EVENT_RECORD;
  return parseSelRecord(b) as SystemEventRecord;
}

/** "0x04 0x01 0x02 0x01 0x57 0x56 0x55 # Temperature #0x02 Upper Non-critical going high\n" */
export function saveFileLine(r: SelRecord, oem: OemContext): string {
  const e = asSystemEvent(r);
  const [d1, d2, d3] = e.eventData;
  const desc = eventDescription(e.sensorType, e.eventType, d1, d2, oem) ?? 'Unknown';
  const bytes = [e.evmRevision, e.sensorType, e.sensorNumber, e.eventType | (e.deassertion ? 0x80 : 0), d1, d2, d3];
  return `${bytes.map(hex2p).join(' ')} # ${sensorTypeName(e.sensorType, oem)} #${hex2p(e.sensorNumber)} ${desc}\n`;
}

/** ipmitool's str2uchar: strtoul base 0 of the whole token, 0-255. */
export function str2uchar(tok: string): number | undefined {
  const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(tok);
  if (!m) return undefined;
  const b = m[1]!;
  const v = /^0[xX]/.test(b) ? parseInt(b.slice(2), 16) : b.length > 1 && b.startsWith('0') ? parseInt(b, 8) : Number(b);
  return v <= 0xff ? v : undefined;
}

export type EventLine = { kind: 'event'; bytes: number[] } | { kind: 'invalid'; bytes: number[]; token?: string };

/**
 * The events of a file: comments after '#' and blank lines skipped, the first seven
 * space-separated bytes of each line; lines with fewer (or a token that is not a byte)
 * are reported as invalid with what was read.
 */
export function parseEventFile(text: string): EventLine[] {
  const out: EventLine[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/s, '').trim();
    if (line === '') continue;
    const bytes: number[] = [];
    let bad: string | undefined;
    for (const tok of line.split(' ')) {
      if (tok === '') continue;
      if (bytes.length === 7) break;
      const v = str2uchar(tok);
      if (v === undefined) {
        bad = tok;
        break;
      }
      bytes.push(v);
    }
    out.push(bytes.length === 7 ? { kind: 'event', bytes } : { kind: 'invalid', bytes, ...(bad !== undefined ? { token: bad } : {}) });
  }
  return out;
}

/** The event message of seven file bytes; the generator ID is the caller's. */
export function eventOfBytes(b: readonly number[], generatorId: number): EventMessage {
  return {
    generatorId,
    evmRevision: b[0]!,
    sensorType: b[1]!,
    sensorNumber: b[2]!,
    eventType: b[3]! & 0x7f,
    deassertion: (b[3]! & 0x80) !== 0,
    eventData: [b[4]!, b[5]!, b[6]!],
  };
}
