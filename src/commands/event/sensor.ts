/**
 * `event <sensor> [<state>|list] [assert|deassert]`: an event for a named sensor, built from its
 * SDR (ipmitool's ipmi_event_fromsensor): threshold states take the threshold from Get Sensor
 * Thresholds (§35.9) and a trigger reading one hysteresis step past it (§35.7); discrete states
 * are offsets by name (Tables 42-2, 42-3).
 */
import { CommandError } from '../../errors.js';
import { getSensorHysteresis } from '../../ipmi/cmds/sensor/get-sensor-hysteresis.js';
import { getSensorThresholds } from '../../ipmi/cmds/sensor/get-sensor-thresholds.js';
import type { Context } from '../../runtime/context.js';
import type { EventStatesView } from './data.js';
import { findByName, type SensorRecord } from '../../sdr/index.js';
import { sdrOf } from '../shared/sdr.js';
import { DIGITAL_TYPES, EVM_REVISION, SMS_GENERATOR, discreteOffset, isThresholdState, thresholdEventData } from '../../sel/event-message.js';
import type { EventMessage } from '../../sel/record.js';
import { stateNames } from '../../spec/sensor-events.js';
import { colon, invoke } from '../shared/invoke.js';
import { report, type Outcome } from '../../report.js';
import { sendEvents } from './send.js';

/** Reports that end the command after the "Finding sensor" line: text on stdout, and maybe a failure. */
function stop(before: string[], states: EventStatesView['states'], failure?: CommandError): Outcome {
  return report('event.states', { before, states }, failure ? { failure } : {});
}

const GENERIC_TYPES = [0x02, 0x07, 0x0a, 0x0b, 0x0c];

export async function fromSensor(ctx: Context, name: string, state: string | undefined, dir: string | undefined): Promise<Outcome> {
  let deassertion = false;
  if (dir === 'deassert') deassertion = true;
  else if (dir !== undefined && dir !== 'assert') {
    throw new CommandError(`Invalid event direction ${dir}.  Must be 'assert' or 'deassert'`, 'bad-direction');
  }
  const finding = `Finding sensor ${name}... `;
  const sdr = findByName(await sdrOf(ctx).load(), name);
  if (!sdr) return stop([`${finding}not found!`], undefined, new CommandError('', 'sensor-not-found'));
  const before = [`${finding}ok`];
  if (sdr.kind !== 'full' && sdr.kind !== 'compact') {
    return stop(before, undefined, new CommandError(`Unknown sensor type for id '${name}'`, 'sensor-type'));
  }
  const r: SensorRecord = sdr;
  const event = (eventData: readonly [number, number, number]): EventMessage => ({
    generatorId: SMS_GENERATOR,
    evmRevision: EVM_REVISION,
    sensorType: r.sensorType,
    sensorNumber: r.sensorNumber,
    eventType: r.eventType,
    deassertion,
    eventData,
  });
  const t = r.eventType;
  if (t === 0x01) {
    // ipmitool lists the threshold states and fails.
    if (state === undefined || state === 'list') return stop(before, { kind: 'threshold' }, new CommandError('', 'states-listed'));
    if (!isThresholdState(state)) return stop(before, undefined, new CommandError(`Invalid threshold identifier ${state}`, 'bad-state'));
    const th = await invoke(ctx, getSensorThresholds, r.sensorNumber, {
      failed: colon('Command Get Sensor Thresholds failed'),
      noResponse: 'Command Get Sensor Thresholds failed: invalid response.',
    });
    const client = await ctx.client();
    let hysteresis: { positive: number; negative: number } | undefined;
    try {
      const h = await client.try(getSensorHysteresis, r.sensorNumber, { lun: r.ownerLun });
      if (h.cc === 0) hysteresis = h.value;
    } catch {
      // ipmitool goes on with a step of 1 when the hysteresis cannot be read.
    }
    return sendEvents(ctx, [{ event: event(thresholdEventData(state, deassertion, th.values, hysteresis)) }], before);
  }
  const digital = DIGITAL_TYPES.includes(t);
  if (digital || GENERIC_TYPES.includes(t) || t === 0x6f) {
    if (state === undefined || state.toLowerCase() === 'list') {
      return stop(before, { kind: 'discrete', names: stateNames(r.sensorType, t), shortcuts: digital });
    }
    const offset = discreteOffset(r.sensorType, t, state);
    if (offset === undefined) return stop(before, undefined, new CommandError(`Unable to find matching event offset for '${state}'`, 'bad-state'));
    return sendEvents(ctx, [{ event: event([offset, 0xff, 0xff]) }], before);
  }
  return stop(before, undefined, new CommandError('', 'event-type'));
}
