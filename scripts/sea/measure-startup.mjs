#!/usr/bin/env node
// Start-up time of `<cmd> -V` (median / min of N runs, wall clock incl. spawn).
// Usage: node scripts/sea/measure-startup.mjs [N] -- cmd args... [-- cmd args...]
import { spawnSync } from 'node:child_process';

const argv = process.argv.slice(2);
let n = 30;
if (argv[0] && /^\d+$/.test(argv[0])) n = Number(argv.shift());
const cmds = [];
for (const a of argv) {
  if (a === '--') cmds.push([]);
  else cmds.at(-1)?.push(a);
}
for (const [cmd, ...args] of cmds) {
  spawnSync(cmd, args); // warm the page cache
  const t = [];
  for (let i = 0; i < n; i++) {
    const s = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
    if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}`);
  }
  t.sort((a, b) => a - b);
  console.log(`${[cmd, ...args].join(' ').padEnd(60)} median ${t[n >> 1].toFixed(1)} ms  min ${t[0].toFixed(1)} ms`);
}
