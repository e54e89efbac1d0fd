/** raw: ipmitool prints each reply byte as " %2.2x", 16 per line, then a newline. */
import type { RawReply } from '../commands/raw/index.js';
import { hexRows } from '../ipmi/codec.js';
import { defineRenderers } from './types.js';

export const renderers = defineRenderers({
  'raw.reply': {
    text: (d: RawReply) => `${hexRows(d.response)}\n`,
    json: (d: RawReply) => ({ netfn: d.netFn, cmd: d.cmd, lun: d.lun, request: d.request, response: d.response }),
  },
});
