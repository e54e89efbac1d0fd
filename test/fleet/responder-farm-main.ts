// The scale peer in a process of its own (npm run bench -- --fleet bundles and starts it):
//   node farm.mjs COUNT [SLOW DROPPING BAD]  -> prints one JSON line {port, range, proxied, refusing}
import { startResponderFarm } from './responder-farm.js';

const [count, slow, dropping, bad] = process.argv.slice(2).map(Number);
const farm = await startResponderFarm({ count: count ?? 1024, slow: slow ?? 0, dropping: dropping ?? 0, badPassword: bad ?? 0 });
process.stdout.write(`${JSON.stringify({ port: farm.port, range: farm.range, proxied: farm.proxied, refusing: farm.refusing })}\n`);
const quit = (): void => void farm.stop().then(() => process.exit(0));
process.on('SIGTERM', quit);
process.on('SIGINT', quit);
