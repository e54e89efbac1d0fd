/** Management controller tables: BMC global enables, GUID versions, watchdog timer names. */

/** Bit masks of the enables byte. IPMI v2.0 §22.1 Table 22-2 (bit 4 is reserved). */
export const GlobalEnable = {
  ReceiveMessageQueueInterrupt: 1 << 0,
  EventMessageBufferFullInterrupt: 1 << 1,
  EventMessageBuffer: 1 << 2,
  SystemEventLogging: 1 << 3,
  Oem0: 1 << 5,
  Oem1: 1 << 6,
  Oem2: 1 << 7,
} as const;

export interface EnableOption {
  /** The word `setenables` takes. */
  option: string;
  /** ipmitool's description. */
  description: string;
  /** camelCase key in --json. */
  key: string;
  mask: number;
}

/** In ipmitool's order. */
export const ENABLE_OPTIONS: readonly EnableOption[] = [
  { option: 'recv_msg_intr', description: 'Receive Message Queue Interrupt', key: 'receiveMessageQueueInterrupt', mask: GlobalEnable.ReceiveMessageQueueInterrupt },
  { option: 'event_msg_intr', description: 'Event Message Buffer Full Interrupt', key: 'eventMessageBufferFullInterrupt', mask: GlobalEnable.EventMessageBufferFullInterrupt },
  { option: 'event_msg', description: 'Event Message Buffer', key: 'eventMessageBuffer', mask: GlobalEnable.EventMessageBuffer },
  { option: 'system_event_log', description: 'System Event Logging', key: 'systemEventLogging', mask: GlobalEnable.SystemEventLogging },
  { option: 'oem0', description: 'OEM 0', key: 'oem0', mask: GlobalEnable.Oem0 },
  { option: 'oem1', description: 'OEM 1', key: 'oem1', mask: GlobalEnable.Oem1 },
  { option: 'oem2', description: 'OEM 2', key: 'oem2', mask: GlobalEnable.Oem2 },
];

/** RFC 4122 §4.1.3 versions 1-5; anything else is "unknown". */
export const GUID_VERSION_NAMES: readonly string[] = [
  'Unknown/unsupported',
  'Time-based',
  'DCE Security with POSIX UIDs (not for IPMI)',
  'Name-based using MD5',
  'Random or pseudo-random',
  'Name-based using SHA-1',
];

/** Names by code: [shown by `get`, accepted by `set`]. IPMI v2.0 §27.6. */
export const TIMER_USES: readonly (readonly [string, string | undefined])[] = [
  ['Reserved', 'none'],
  ['BIOS FRB2', 'frb2'],
  ['BIOS/POST', 'post'],
  ['OS Load', 'osload'],
  ['SMS/OS', 'sms'],
  ['OEM', 'oem'],
  ['Reserved', undefined],
  ['Reserved', undefined],
];
export const PRETIMEOUT_INTERRUPTS: readonly (readonly [string, string | undefined])[] = [
  ['None', 'none'],
  ['SMI', 'smi'],
  ['NMI/Diagnostic', 'nmi'],
  ['Messaging', 'msg'],
  ['Reserved', undefined],
  ['Reserved', undefined],
  ['Reserved', undefined],
  ['Reserved', undefined],
];
export const TIMEOUT_ACTIONS: readonly (readonly [string, string | undefined])[] = [
  ['No action', 'none'],
  ['Hard Reset', 'reset'],
  ['Power Down', 'poweroff'],
  ['Power Cycle', 'cycle'],
  ['Reserved', undefined],
  ['Reserved', undefined],
  ['Reserved', undefined],
  ['Reserved', undefined],
];
