/**
 * `event`: send Platform Event Messages (IPMI v2.0 §29.3): ipmitool's sample events
 * (`event 1|2|3`), an event for a sensor's state (`event <sensor> <state> [assert|deassert]`,
 * `event <sensor> list`), and the events of a file (`event file <file>`, as `sel save` writes).
 */
import { HelpRequest } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { SAMPLE_EVENTS } from '../../sel/event-message.js';
import type { Outcome } from '../../report.js';
import { fromFile, sample } from './send.js';
import { fromSensor } from './sensor.js';
import { wordList, type Words } from '../words.js';

export const EVENT_HELP = `
usage: event <num>
   Send generic test events
   1 : Temperature - Upper Critical - Going High
   2 : Voltage Threshold - Lower Critical - Going Low
   3 : Memory - Correctable ECC

usage: event file <filename>
   Read and generate events from file
   Use the 'sel save' command to generate from SEL

usage: event <sensorid> <state> [event_dir]
   sensorid  : Sensor ID string to use for event data
   state     : Sensor state, use 'list' to see possible states for sensor
   event_dir : assert, deassert [default=assert]

`;

/** Completion: the sample events, `file`, and a sensor name from the SDR cache (then its state and direction). */
export const words: Words = { ...wordList(Object.keys(SAMPLE_EVENTS)), file: null, help: null, '@sensor': { list: null } };

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [first, second, third] = args;
  if (first === undefined || first === 'help') throw new HelpRequest(EVENT_HELP, first === undefined);
  if (first === 'file') {
    if (second === undefined) throw new HelpRequest(EVENT_HELP, true);
    return fromFile(ctx, second);
  }
  const s = Object.hasOwn(SAMPLE_EVENTS, first) ? SAMPLE_EVENTS[first] : undefined;
  if (s) return sample(ctx, s);
  return fromSensor(ctx, first, second, third);
}
