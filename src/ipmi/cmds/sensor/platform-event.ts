/**
 * Platform Event Message (Sensor/Event 02h). IPMI v2.0 §29.3 Table 29-5: EvM revision, sensor
 * type, sensor number, event direction | event type, event data 1-3. A system interface also
 * sends the generator ID first (Figure 29-2); LAN sessions carry it in the message header.
 */
import { ByteWriter } from '../../codec.js';
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface PlatformEvent {
  /** Only over a system interface. */
  generatorId?: number;
  evmRevision: number;
  sensorType: number;
  sensorNumber: number;
  /** Bit 7: deassertion; bits 6:0 the event/reading type. */
  eventDirType: number;
  eventData: readonly [number, number, number];
}

export const platformEvent = defineCommand<PlatformEvent, void>({
  name: 'Platform Event Message',
  netFn: NetFn.SensorEvent,
  cmd: 0x02,
  spec: 'IPMI v2.0 §29.3',
  encode(e) {
    const w = new ByteWriter();
    if (e.generatorId !== undefined) w.u8(e.generatorId);
    return w.u8(e.evmRevision).u8(e.sensorType).u8(e.sensorNumber).u8(e.eventDirType).bytes(e.eventData).done();
  },
  decode: ignoreData,
});
