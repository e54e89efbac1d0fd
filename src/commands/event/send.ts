/** Sending events as ipmitool's ipmi_send_platform_event does, and `event 1|2|3`, `event file`. */
import { CommandError, IpmiError } from '../../errors.js';
import { getChannelInfo } from '../../ipmi/cmds/app/get-channel-info.js';
import { platformEvent } from '../../ipmi/cmds/sensor/platform-event.js';
import { CompletionCode, describeCommandCode } from '../../ipmi/completion-codes.js';
import type { Context } from '../../runtime/context.js';
import type { EventView } from './data.js';
import { SMS_GENERATOR, type SampleEvent } from '../../sel/event-message.js';
import { recordOfEvent, type EventMessage } from '../../sel/record.js';
import { eventOfBytes, parseEventFile } from '../../sel/save-file.js';
import { colon, invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { ending } from '../shared/sdr-ending.js';
import { invalidEventNote, readInput } from '../sel/files.js';
import { entriesOf, oemContext, sdrLookup } from '../sel/common.js';

/** Channel medium 0Ch: system interface (Table 6-3); channel 0Fh is the system interface too (§6.3). */
const SYSTEM_MEDIUM = 0x0c;
const SYSTEM_CHANNEL = 0x0f;

/**
 * Whether the session runs over a system interface, which must send the generator ID itself
 * (Figure 29-2). ipmitool asks Get Channel Info for "this channel" (0Eh) first.
 */
async function overSystemInterface(ctx: Context): Promise<boolean> {
  const client = await ctx.client();
  const r = await client.try(getChannelInfo, { channel: 0x0e });
  if (r.cc === 0 && r.value) return r.value.medium === SYSTEM_MEDIUM || r.value.channel === SYSTEM_CHANNEL;
  const preamble = r.cc === CompletionCode.InvalidDataField ? [] : [`Get Channel Info command failed: ${describeCommandCode(getChannelInfo, r.cc)}`];
  throw new CommandError('Failed to send the platform event via an unknown channel', 'unknown-channel', preamble);
}

/** One line of an event file: an event to send, or the complaints about a bad line. */
export type EventItem = { event: EventMessage } | { invalid: string[] };

/**
 * Show and send events one after the other (ipmitool prints each before sending it); the
 * first refusal ends the run. Bad lines of an event file are reported as they are reached.
 */
export async function sendEvents(ctx: Context, items: readonly EventItem[], before: string[]): Promise<Report<EventView>> {
  const events = items.flatMap((i) => ('event' in i ? [i.event] : []));
  // ipmitool shows the event as a SEL record whose type it leaves 0.
  const records = events.map((e) => recordOfEvent(e, 0));
  const entries = await entriesOf(records, await oemContext(ctx)(records), sdrLookup(ctx));
  const out: EventView = { before, entries: [], sent: 0 };
  const notes: string[] = [];
  const system = events.length ? await overSystemInterface(ctx) : false;
  for (const item of items) {
    if (!('event' in item)) {
      notes.push(...item.invalid);
      continue;
    }
    const e = item.event;
    out.entries.push(entries[out.entries.length]!);
    try {
      await invoke(
        ctx,
        platformEvent,
        {
          ...(system ? { generatorId: SMS_GENERATOR } : {}),
          evmRevision: e.evmRevision,
          sensorType: e.sensorType,
          sensorNumber: e.sensorNumber,
          eventDirType: (e.deassertion ? 0x80 : 0) | e.eventType,
          eventData: e.eventData,
        },
        { failed: colon('Platform Event Message command failed'), noResponse: 'Platform Event Message command failed' },
      );
      out.sent++;
    } catch (err) {
      if (!(err instanceof IpmiError) || err.layer === 'usage') throw err;
      return report('event.sent', out, { notes, failure: err });
    }
  }
  // A bad line fails the run once the good ones are sent (ipmitool: only a bad token with no event
  // after it); the last complaint is the failure's message.
  return report('event.sent', out, ending([], notes, 'bad-file'));
}

export function sample(ctx: Context, s: SampleEvent): Promise<Report<EventView>> {
  return sendEvents(ctx, [{ event: s.event }], [`Sending SAMPLE event: ${s.title}`]);
}

/** `event file`: each valid line is sent; bad lines are reported and skipped. */
export async function fromFile(ctx: Context, file: string): Promise<Report<EventView>> {
  const lines = parseEventFile(readInput(file).toString('latin1'));
  const items: EventItem[] = lines.map((line) => {
    if (line.kind === 'event') return { event: eventOfBytes(line.bytes, SMS_GENERATOR) };
    const invalid = line.token !== undefined ? [`Invalid token in file: [${line.token}]`] : [];
    invalid.push(invalidEventNote(line.bytes, 7));
    return { invalid };
  });
  return sendEvents(ctx, items, []);
}
