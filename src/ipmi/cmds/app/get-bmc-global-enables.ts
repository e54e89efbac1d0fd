/** Get BMC Global Enables (App 2Fh). IPMI v2.0 §22.2; bits as in Set BMC Global Enables (§22.1). */
import { ByteReader } from '../../codec.js';
import { defineCommand, noData } from '../../command.js';
import { NetFn } from '../../netfn.js';

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

export const getBmcGlobalEnables = defineCommand<void, { enables: number }>({
  name: 'Get BMC Global Enables',
  netFn: NetFn.App,
  cmd: 0x2f,
  spec: 'IPMI v2.0 §22.2',
  encode: noData,
  decode(data) {
    return { enables: new ByteReader(data, 'Get BMC Global Enables').u8() };
  },
});
