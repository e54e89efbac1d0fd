/** Set Watchdog Timer (App 24h). IPMI v2.0 §27.6. */
import { ByteWriter } from '../../codec.js';
import { defineCommand, ignoreData } from '../../command.js';
import { NetFn } from '../../netfn.js';

export interface SetWatchdog {
  /** Timer use 0-7 (1 BIOS FRB2, 2 BIOS/POST, 3 OS Load, 4 SMS/OS, 5 OEM). */
  use: number;
  /** Byte 1 bit 7: don't log the expiration. */
  noLog?: boolean;
  /** Byte 1 bit 6: don't stop a running timer while setting it. */
  dontStop?: boolean;
  /** Timeout action 0-7 (0 none, 1 hard reset, 2 power down, 3 power cycle). */
  action: number;
  /** Pre-timeout interrupt 0-7 (0 none, 1 SMI, 2 NMI/diagnostic, 3 messaging). */
  preTimeoutInterrupt: number;
  /** Pre-timeout interval, seconds. */
  preTimeoutSec: number;
  /** Timer use expiration flags to clear, bit n = timer use n. */
  clearFlags: number;
  /** Initial countdown, 100 ms units. */
  initialCountdown: number;
}

export const setWatchdogTimer = defineCommand<SetWatchdog, void>({
  name: 'Set Watchdog Timer',
  netFn: NetFn.App,
  cmd: 0x24,
  spec: 'IPMI v2.0 §27.6',
  encode: (r) =>
    new ByteWriter()
      .u8((r.noLog ? 0x80 : 0) | (r.dontStop ? 0x40 : 0) | (r.use & 0x07))
      .u8(((r.preTimeoutInterrupt & 0x07) << 4) | (r.action & 0x07))
      .u8(r.preTimeoutSec)
      .u8(r.clearFlags)
      .u16(r.initialCountdown)
      .done(),
  // ipmi_sim answers with junk data bytes: nothing in the reply is used.
  decode: ignoreData,
});
