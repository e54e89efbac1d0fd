/**
 * Reading every record of the SDR repository (IPMI v2.0 §33.12) or of a device's own SDRs
 * (§35.3): walk the record IDs from 0000h to FFFFh. A record is first asked for whole
 * (offset 0, FFh bytes: no reservation needed, §33.12 "only required for partial reads");
 * a BMC that cannot return that many bytes (CAh, C7h, C8h, FFh, or silence) is read in parts:
 * the 5-byte header, then the body in chunks that shrink on every refusal. Partial reads hold
 * a reservation (§33.11); a cancelled one (C5h) is renewed. Everything is bounded: a record
 * ID seen twice ends the walk, and so do MAX_RECORDS records or MAX_TRIES_PER_RECORD requests
 * for one record, so a broken BMC cannot keep us looping.
 */
import { DeadlineError, IpmiError } from '../errors.js';
import type { IpmiClient } from '../ipmi/client.js';
import { describeCompletionCode, CompletionCode } from '../ipmi/completion-codes.js';
import type { IpmiCommand } from '../ipmi/command.js';
import { getDeviceSdr } from '../ipmi/cmds/sensor/get-device-sdr.js';
import { reserveDeviceSdrRepository } from '../ipmi/cmds/sensor/reserve-device-sdr-repository.js';
import { getSdr, type GetSdrRequest, type SdrChunk } from '../ipmi/cmds/storage/get-sdr.js';
import { reserveSdrRepository } from '../ipmi/cmds/storage/reserve-sdr-repository.js';
import { sleep, type Clock, type RandomSource } from '../io.js';
import { SDR_HEADER_LENGTH, parseHeader } from './records.js';

export const MAX_RECORDS = 4096;
export const MAX_TRIES_PER_RECORD = 64;
const WHOLE_RECORD = 0xff;
/** First chunk size for partial reads (ipmitool starts near the transport maximum and shrinks). */
const FIRST_CHUNK = 0x40;
/** Completion codes that mean "ask for fewer bytes". */
const TOO_BIG = new Set<number>([
  CompletionCode.CannotReturnRequestedBytes,
  CompletionCode.RequestDataLengthInvalid,
  CompletionCode.RequestDataFieldLengthExceeded,
  CompletionCode.Unspecified,
]);

export interface WalkOptions {
  /** Device SDRs (Sensor/Event netFn) instead of the SDR repository. */
  device: boolean;
  clock: Clock;
  random: RandomSource;
  log(level: number, line: string): void;
}

export interface WalkResult {
  /** Records (header + body) in repository order. */
  records: Buffer[];
  /** ipmitool-style error lines for records that could not be read (the walk goes on past them). */
  errors: string[];
  /** Requests sent. */
  requests: number;
}

class RecordError extends Error {}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

export async function walkRepository(client: IpmiClient, o: WalkOptions): Promise<WalkResult> {
  const getCmd: IpmiCommand<GetSdrRequest, SdrChunk> = o.device ? getDeviceSdr : getSdr;
  const reserveCmd = o.device ? reserveDeviceSdrRepository : reserveSdrRepository;
  let reservation = 0;
  let whole = true;
  let chunk = FIRST_CHUNK;
  let requests = 0;
  const records: Buffer[] = [];
  const errors: string[] = [];

  const send = async (req: GetSdrRequest): Promise<{ cc: number; value?: SdrChunk } | undefined> => {
    requests++;
    try {
      return await client.try(getCmd, req);
    } catch (e) {
      if (e instanceof IpmiError && (e.layer === 'transport' || e.layer === 'decode') && !(e instanceof DeadlineError)) return undefined;
      throw e;
    }
  };

  const reserve = async (): Promise<void> => {
    requests++;
    const r = await client.try(reserveCmd, undefined);
    if (r.cc !== 0) throw new RecordError(`Unable to renew SDR reservation: ${describeCompletionCode(r.cc)}`);
    reservation = r.value!;
    o.log(2, `SDR reservation ID ${hex4(reservation)}`);
  };

  /** One Get SDR with the reservation renewed on C5h; undefined = no answer. */
  const get = async (id: number, offset: number, length: number, budget: { n: number }) => {
    for (;;) {
      if (budget.n-- <= 0) throw new RecordError(`Get SDR ${hex4(id)} command failed: too many attempts`);
      const r = await send({ reservation, recordId: id, offset, length });
      if (r?.cc === CompletionCode.ReservationCancelled) {
        o.log(2, `SDR reservation ${hex4(reservation)} cancelled. Sleeping a bit and retrying...`);
        await sleep(o.clock, 10 + (o.random(1)[0]! % 90));
        await reserve();
        continue;
      }
      return r;
    }
  };

  const readPartial = async (id: number, have: Buffer, budget: { n: number }): Promise<{ bytes: Buffer; next: number }> => {
    if (reservation === 0) await reserve();
    let next = 0xffff;
    let bytes = have;
    if (bytes.length < SDR_HEADER_LENGTH) {
      const r = await get(id, 0, SDR_HEADER_LENGTH, budget);
      if (!r) throw new RecordError(`Get SDR ${hex4(id)} command failed`);
      if (r.cc !== 0) throw new RecordError(`Get SDR ${hex4(id)} command failed: ${describeCompletionCode(r.cc)}`);
      bytes = r.value!.data.subarray(0, SDR_HEADER_LENGTH);
      next = r.value!.nextRecordId;
      if (bytes.length < SDR_HEADER_LENGTH) throw new RecordError(`Get SDR ${hex4(id)} command failed: short header`);
    }
    const total = SDR_HEADER_LENGTH + parseHeader(bytes).length;
    const parts: Buffer[] = [bytes];
    let at = bytes.length;
    while (at < total) {
      const want = Math.min(chunk, total - at);
      const r = await get(id, at, want, budget);
      if (!r || TOO_BIG.has(r.cc)) {
        if (want <= 1) throw new RecordError(`Get SDR ${hex4(id)} command failed${r ? `: ${describeCompletionCode(r.cc)}` : ''}`);
        chunk = Math.max(1, Math.min(want - 1, want >> 1));
        o.log(2, `SDR read size now ${chunk} bytes`);
        continue;
      }
      if (r.cc !== 0) throw new RecordError(`Get SDR ${hex4(id)} command failed: ${describeCompletionCode(r.cc)}`);
      const got = r.value!.data.subarray(0, want);
      if (got.length === 0) throw new RecordError(`Get SDR ${hex4(id)} command failed: empty reply`);
      parts.push(got);
      at += got.length;
      next = r.value!.nextRecordId;
    }
    return { bytes: Buffer.concat(parts), next };
  };

  const readRecord = async (id: number): Promise<{ bytes: Buffer; next: number }> => {
    const budget = { n: MAX_TRIES_PER_RECORD };
    if (whole) {
      const r = await get(id, 0, WHOLE_RECORD, budget);
      if (r && r.cc === 0) {
        const data = r.value!.data;
        if (data.length >= SDR_HEADER_LENGTH) {
          const total = SDR_HEADER_LENGTH + parseHeader(data).length;
          if (data.length >= total) return { bytes: Buffer.from(data.subarray(0, total)), next: r.value!.nextRecordId };
          // Fewer bytes than the record holds: fetch the rest in parts.
          const rest = await readPartial(id, Buffer.from(data), budget);
          return { bytes: rest.bytes, next: r.value!.nextRecordId };
        }
      } else if (r && !TOO_BIG.has(r.cc)) {
        throw new RecordError(`Get SDR ${hex4(id)} command failed: ${describeCompletionCode(r.cc)}`);
      }
      o.log(2, `Get SDR ${hex4(id)}: the whole record at once was refused; reading in parts`);
      whole = false;
    }
    return readPartial(id, Buffer.alloc(0), budget);
  };

  const seen = new Set<number>();
  let id = 0;
  while (id !== 0xffff) {
    if (seen.has(id)) {
      errors.push(`SDR record ID ${hex4(id)} seen twice: stopping`);
      break;
    }
    if (records.length >= MAX_RECORDS) {
      errors.push(`More than ${MAX_RECORDS} SDR records: stopping`);
      break;
    }
    seen.add(id);
    let rec: { bytes: Buffer; next: number };
    try {
      rec = await readRecord(id);
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      // Without the record we do not know the next ID either: the walk ends here (as ipmitool's does).
      errors.push(e.message);
      break;
    }
    const h = parseHeader(rec.bytes);
    // Some BMCs answer with another record ID than asked for; keep the one we asked for (ipmitool does).
    if (id !== 0 && h.recordId !== id) {
      o.log(2, `SDR record id mismatch: 0x${hex4(h.recordId)}`);
      rec.bytes.writeUInt16LE(id, 0);
    }
    if (h.length === 0) errors.push(`SDR record id 0x${hex4(h.recordId)}: invalid length 0`);
    else records.push(rec.bytes);
    id = rec.next;
  }
  return { records, errors, requests };
}
