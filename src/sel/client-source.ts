/** The SEL walk's SelSource over a session: Get SEL Entry and Reserve SEL (IPMI v2.0 §31.5, §31.4). */
import type { IpmiClient } from '../ipmi/client.js';
import { getSelEntry } from '../ipmi/cmds/storage/get-sel-entry.js';
import { reserveSel } from '../ipmi/cmds/storage/reserve-sel.js';
import type { SelSource } from './reader.js';

export function clientSelSource(client: IpmiClient): SelSource {
  return {
    async entry(recordId, part) {
      const r = await client.try(getSelEntry, { recordId, ...(part ?? {}) });
      return r.cc === 0 ? { cc: 0, reply: r.value! } : { cc: r.cc };
    },
    async reserve() {
      const r = await client.try(reserveSel, undefined);
      return r.cc === 0 ? { cc: 0, reservation: r.value! } : { cc: r.cc };
    },
  };
}
