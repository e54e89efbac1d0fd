// Manual entry point: runs the responder in the foreground until SIGINT/SIGTERM.
// Node 20 cannot run .ts directly; bundle it first (see README.md):
//   npx esbuild test/responder/main.ts --bundle --platform=node --format=esm --outfile=/tmp/responder.mjs
//   node /tmp/responder.mjs --port 9623 [--host 127.0.0.1] [--suites 3,17] [--kg KEY] [--drop-first N]
import { parseArgs } from 'node:util';
import { startResponder } from './responder.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    suites: { type: 'string' },
    kg: { type: 'string' },
    'drop-first': { type: 'string' },
  },
});

const r = await startResponder({
  host: values.host,
  port: Number(values.port),
  ...(values.suites ? { suites: values.suites.split(',').map(Number) } : {}),
  ...(values.kg ? { kg: Buffer.from(values.kg, 'latin1') } : {}),
  ...(values['drop-first'] ? { dropFirst: Number(values['drop-first']) } : {}),
});
process.stdout.write(`responder listening on ${r.host}:${r.port} (users admin/password, user/userpass)\n`);
const quit = (): void => {
  process.stdout.write(`stats ${JSON.stringify(r.stats())}, power ${r.powerOn() ? 'on' : 'off'}\n`);
  void r.stop().then(() => process.exit(0));
};
process.on('SIGINT', quit);
process.on('SIGTERM', quit);
