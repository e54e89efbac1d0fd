/** Boot option parameters 0-6 decoded into named fields. IPMI v2.0 §28.13 Table 28-14. */

export type BootParamDetail =
  | { param: 0; setInProgress: 'set complete' | 'set in progress' | 'commit write' | 'error, reserved bit' }
  | { param: 1; servicePartitionSelector: number }
  | { param: 2; requestBiosScan: boolean; servicePartitionDiscovered: boolean }
  | {
      param: 3;
      dontClearOnPef: boolean;
      dontClearOnTimeout: boolean;
      dontClearOnWatchdog: boolean;
      dontClearOnPushButtonReset: boolean;
      dontClearOnPowerUp: boolean;
    }
  | { param: 4; handledByOem: boolean; handledBySms: boolean; handledByOsServicePartition: boolean; handledByOsLoader: boolean; handledByBiosPost: boolean }
  | ({ param: 5 } & BootFlags)
  | { param: 6; channel: number; sessionId: number; timestamp: number }
  | { param: number; unsupported: true };

export interface BootFlags {
  valid: boolean;
  persistent: boolean;
  efiBoot: boolean;
  cmosClear: boolean;
  lockKeyboard: boolean;
  /** Boot device selector (data 2 bits 5:2). */
  device: number;
  screenBlank: boolean;
  lockOutResetButtons: boolean;
  lockOutPowerButton: boolean;
  /** 0 default, 1 quiet, 2 verbose, 3 reserved. */
  biosVerbosity: number;
  forceProgressEventTraps: boolean;
  userPasswordBypass: boolean;
  lockOutSleepButton: boolean;
  /** 0 per BIOS setting, 1 suppress, 2 enable, 3 reserved. */
  consoleRedirection: number;
  biosSharedModeOverride: boolean;
  /** 0 recommended, 1 force to BMC, 2 force to system, else reserved. */
  biosMuxControl: number;
}

const b = (v: number | undefined, mask: number): boolean => ((v ?? 0) & mask) !== 0;

export function decodeBootFlags(d: Uint8Array): BootFlags {
  return {
    valid: b(d[0], 0x80),
    persistent: b(d[0], 0x40),
    efiBoot: b(d[0], 0x20),
    cmosClear: b(d[1], 0x80),
    lockKeyboard: b(d[1], 0x40),
    device: ((d[1] ?? 0) >> 2) & 0x0f,
    screenBlank: b(d[1], 0x02),
    lockOutResetButtons: b(d[1], 0x01),
    lockOutPowerButton: b(d[2], 0x80),
    biosVerbosity: ((d[2] ?? 0) >> 5) & 3,
    forceProgressEventTraps: b(d[2], 0x10),
    userPasswordBypass: b(d[2], 0x08),
    lockOutSleepButton: b(d[2], 0x04),
    consoleRedirection: (d[2] ?? 0) & 3,
    biosSharedModeOverride: b(d[3], 0x08),
    biosMuxControl: (d[3] ?? 0) & 7,
  };
}

const PROGRESS = ['set complete', 'set in progress', 'commit write', 'error, reserved bit'] as const;

export function decodeBootParam(param: number, d: Uint8Array): BootParamDetail {
  switch (param) {
    case 0:
      return { param: 0, setInProgress: PROGRESS[(d[0] ?? 0) & 3]! };
    case 1:
      return { param: 1, servicePartitionSelector: d[0] ?? 0 };
    case 2:
      return { param: 2, requestBiosScan: b(d[0], 0x01), servicePartitionDiscovered: b(d[0], 0x02) };
    case 3:
      return {
        param: 3,
        dontClearOnPef: b(d[0], 0x10),
        dontClearOnTimeout: b(d[0], 0x08),
        dontClearOnWatchdog: b(d[0], 0x04),
        dontClearOnPushButtonReset: b(d[0], 0x02),
        dontClearOnPowerUp: b(d[0], 0x01),
      };
    case 4:
      return {
        param: 4,
        handledByOem: b(d[1], 0x10),
        handledBySms: b(d[1], 0x08),
        handledByOsServicePartition: b(d[1], 0x04),
        handledByOsLoader: b(d[1], 0x02),
        handledByBiosPost: b(d[1], 0x01),
      };
    case 5:
      return { param: 5, ...decodeBootFlags(d) };
    case 6: {
      const u32 = (o: number): number => ((d[o] ?? 0) | ((d[o + 1] ?? 0) << 8) | ((d[o + 2] ?? 0) << 16) | ((d[o + 3] ?? 0) << 24)) >>> 0;
      return { param: 6, channel: (d[0] ?? 0) & 0x0f, sessionId: u32(1), timestamp: u32(5) };
    }
    default:
      return { param, unsupported: true };
  }
}
