/** set: ipmitool's confirmation lines (src/ipmishell.c); verbose and csv are set silently. */
import type { SetData } from '../commands/set/index.js';
import { defineRenderers } from './types.js';
import { hex2 } from '../format/c-printf.js';

function text(d: SetData): string {
  switch (d.option) {
    case 'hostname':
      return `Set session hostname to ${d.value}\n`;
    case 'username':
      return `Set session username to ${d.value}\n`;
    case 'password':
      return 'Set session password\n';
    case 'privlvl':
      return `Set session privilege level to ${d.value}\n`;
    case 'authtype':
      return `Set session authtype to ${d.value}\n`;
    case 'port':
      return `Set session port to ${d.value}\n`;
    case 'localaddr':
      return `Set local IPMB address to 0x${hex2(d.value)}\n`;
    case 'targetaddr':
      return `Set remote IPMB address to 0x${hex2(d.value)}\n`;
    case 'verbose':
    case 'csv':
      return '';
  }
}

export const renderers = defineRenderers({
  'set.done': {
    text,
    // The password itself is never part of the data.
    json: (d: SetData) => d,
  },
});
