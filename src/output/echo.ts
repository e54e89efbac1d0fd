/** echo: each word followed by a space, then a newline (ipmitool prints "%s " per word). */
import type { EchoData } from '../commands/echo/index.js';
import { defineRenderers } from './types.js';

export const renderers = defineRenderers({
  'echo.line': {
    text: (d: EchoData) => `${d.words.map((w) => `${w} `).join('')}\n`,
    json: (d: EchoData) => ({ words: d.words }),
  },
});
