#!/usr/bin/env node
// @ts-check
// Does keeping several Get Sensor Reading requests in flight help? (issue 3, docs/benchmarks.md)
//
//   node scripts/bench/sdr-window.mjs [--rounds N] [--windows 1,2,4,8,16] [--delay MS]... [--lib DIR]
//
// One simulator, one RMCP+ session (ipmits' own transport from lib/, so Node start-up and the
// session handshake are not part of the numbers), the sensors of the SDR repository, then for
// each round and each window size: Get Sensor Reading for every sensor through src/sdr/pipeline.ts.
// The session goes through the counting proxy (scripts/bench/proxy.mjs, in a worker thread so
// that it does not share the client's event loop), optionally with a delay in each direction to
// stand for a network that is not loopback. Prints the median time
// of one full pass per window, the request/response pairs and the sequential waits ("bursts").
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { startSim } from '../../test/sim/simlib.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const rounds = Number(opt('--rounds', '30'));
const windows = opt('--windows', '1,2,4,8,16').split(',').map(Number);
const delays = argv.flatMap((a, i) => (a === '--delay' ? [Number(argv[i + 1])] : []));
if (delays.length === 0) delays.push(0);
const lib = path.resolve(ROOT, opt('--lib', 'lib'));
const load = (/** @type {string} */ m) => import(pathToFileURL(path.join(lib, m)).href);

const { parseGlobalOptions } = await load('cli/global-options.js');
const { Context } = await load('cli/context.js');
const { systemClock, systemRandom } = await load('transport/io.js');
const { connectUdp } = await load('transport/udp.js');
const { loadSdrs, sensorRecords } = await load('sdr/index.js');
const { Pipeline } = await load('sdr/pipeline.js');
const { getSensorReading } = await load('ipmi/cmds/sensor/get-sensor-reading.js');

const median = (/** @type {number[]} */ a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The counting proxy in a worker thread: `call('reset' | 'counters' | 'close')`. */
async function proxyThread(/** @type {{ targetHost: string, targetPort: number, delayMs: number }} */ o) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.url).then(async ({ startProxy }) => {
      const p = await startProxy(workerData.o);
      parentPort.postMessage({ port: p.port });
      parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, value: m.op === 'counters' ? p.counters() : (p[m.op](), null) }));
    });`;
  const worker = new Worker(code, { eval: true, workerData: { url: new URL('./proxy.mjs', import.meta.url).href, o } });
  const port = await new Promise((resolve) => worker.once('message', (m) => resolve(m.port)));
  let next = 0;
  const call = (/** @type {string} */ op) =>
    new Promise((resolve) => {
      const id = next++;
      const on = (/** @type {any} */ m) => {
        if (m.id !== id) return;
        worker.off('message', on);
        resolve(m.value);
      };
      worker.on('message', on);
      worker.postMessage({ id, op });
    });
  return { port, call, worker };
}

const sim = await startSim({ seedSel: false });
try {
  console.log(`ipmi_sim 127.0.0.1:${sim.port}; ${rounds} rounds per window, windows interleaved; node ${process.version}`);
  for (const delayMs of delays) {
    const proxy = await proxyThread({ targetHost: sim.host, targetPort: sim.port, delayMs });
    const parsed = parseGlobalOptions([
      '-I',
      'lanplus',
      '-C',
      '3',
      '-H',
      '127.0.0.1',
      '-p',
      String(proxy.port),
      '-U',
      'admin',
      '-P',
      'adminpass',
      '--no-cache',
    ]);
    const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
    const deps = { env: {}, clock: systemClock, random: systemRandom, connect: connectUdp, prompt: async () => undefined };
    const ctx = new Context(parsed.options, io, deps);
    const sensors = sensorRecords(await loadSdrs(ctx));
    const client = await ctx.client();
    const jobs = sensors.map((r) => ({ cmd: getSensorReading, req: r.sensorNumber, lun: r.ownerLun }));
    /** @type {Record<number, { ms: number[], rt: number, bursts: number, degraded: boolean }>} */
    const res = Object.fromEntries(windows.map((w) => [w, { ms: [], rt: 0, bursts: 0, degraded: false }]));
    for (let i = 0; i < rounds; i++) {
      for (const w of windows) {
        const p = new Pipeline(client, systemClock, w, 1000);
        await proxy.call('reset');
        const t0 = process.hrtime.bigint();
        const out = await p.run(jobs);
        res[w].ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
        const c = await proxy.call('counters');
        res[w].rt = c.roundTrips;
        res[w].bursts = c.bursts;
        if (p.degraded || out.some((o) => o.cc !== 0)) res[w].degraded = true;
      }
    }
    await ctx.close();
    await proxy.call('close');
    await proxy.worker.terminate();
    console.log(`\ndelay ${delayMs} ms each way (RTT ${2 * delayMs} ms + ipmi_sim), ${sensors.length} sensors:`);
    console.log('window  median ms  min ms   x w1   pairs  waits  trouble');
    const base = median(res[windows[0]].ms);
    for (const w of windows) {
      const r = res[w];
      const m = median(r.ms);
      console.log(
        `${String(w).padStart(6)}  ${m.toFixed(2).padStart(9)}  ${Math.min(...r.ms)
          .toFixed(2)
          .padStart(6)}  ${(m / base).toFixed(2).padStart(5)}x  ${String(r.rt).padStart(5)}  ${String(r.bursts).padStart(5)}  ${r.degraded ? 'yes' : 'no'}`,
      );
    }
  }
} finally {
  await sim.stop();
}
