/** Get Watchdog Timer (App 25h). IPMI v2.0 §27.7. */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface WatchdogTimer {
  /** Byte 1: [7] don't log, [6] timer running, [2:0] timer use. */
  use: number;
  /** Byte 2: [6:4] pre-timeout interrupt, [2:0] timeout action. */
  actions: number;
  /** Byte 3: pre-timeout interval, seconds. */
  preTimeoutSec: number;
  /** Byte 4: timer use expiration flags, bit n = timer use n. */
  expirationFlags: number;
  /** Bytes 5-6: initial countdown, 100 ms units; undefined when the BMC stops early. */
  initialCountdown?: number;
  /** Bytes 7-8: present countdown, 100 ms units; undefined when the BMC stops early (ipmi_sim sends 6 bytes). */
  presentCountdown?: number;
}

export const getWatchdogTimer = defineCommand<void, WatchdogTimer>({
  name: 'Get Watchdog Timer',
  netFn: NetFn.App,
  cmd: 0x25,
  spec: 'IPMI v2.0 §27.7',
  encode: noData,
  decode(data) {
    const r = new ByteReader(data, 'Get Watchdog Timer');
    const w: WatchdogTimer = { use: r.u8(), actions: r.u8(), preTimeoutSec: r.u8(), expirationFlags: r.u8() };
    if (r.remaining >= 2) w.initialCountdown = r.u16();
    if (r.remaining >= 2) w.presentCountdown = r.u16();
    return w;
  },
});
