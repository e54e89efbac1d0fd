#!/usr/bin/env node
// Start the project's simulated BMC (OpenIPMI ipmi_sim, see test/sim/README.md)
// in the foreground, print where it listens and the credentials, and stop it
// on Ctrl-C / SIGTERM.  Plain Node ESM: no TypeScript, no build step.
//
//   node scripts/sim.mjs [--sol] [--kg KEY] [--port N] [--host 127.x.y.z] [--no-sel]
//
// The first line of output is "HOST PORT" of the LAN channel (IPMI v1.5 and
// RMCP+ on UDP), so scripts can read it:  read HOST PORT < <(node scripts/sim.mjs | head -1)
import { startSim } from '../test/sim/simlib.mjs';

const USAGE = 'usage: node scripts/sim.mjs [--sol] [--kg KEY] [--port N] [--host 127.x.y.z] [--no-sel]';

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {import('../test/sim/simlib.d.mts').SimOptions} */
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--sol':
        opts.sol = true;
        break;
      case '--kg':
        opts.kg = value();
        break;
      case '--port':
        opts.port = Number(value());
        break;
      case '--host':
        opts.host = value();
        break;
      case '--no-sel':
        opts.seedSel = false;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${a}\n${USAGE}`);
    }
  }
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port > 0 && opts.port < 65536)) {
    throw new Error('--port must be 1..65535');
  }
  return opts;
}

const PRIV = { callback: 'CALLBACK', user: 'USER', operator: 'OPERATOR', admin: 'ADMINISTRATOR' };

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const sim = await startSim(opts);
  const q = (/** @type {string} */ s) => (s === '' ? '""' : s);
  const lines = [
    `${sim.host} ${sim.port}`,
    'users (id name password privilege):',
    ...sim.users.map((u) => `  ${u.id} ${q(u.name)} ${u.password} ${PRIV[u.priv]}${u.enabled ? '' : ' (disabled)'}`),
  ];
  if (sim.kg) lines.push(`kg: ${sim.kg}   (ipmitool -k ${sim.kg})`);
  lines.push(
    `console: ${sim.host} ${sim.consolePort}   (ipmi_sim commands, e.g. socat - TCP:${sim.host}:${sim.consolePort})`,
    `state: ${sim.stateDir}`,
    `try: ipmitool -I lanplus -C 3 -H ${sim.host} -p ${sim.port} -U admin -P adminpass${sim.kg ? ` -k ${sim.kg}` : ''} sdr elist`,
  );
  if (sim.sol) {
    lines.push(
      `sol: ipmitool -I lanplus -C 3 -H ${sim.host} -p ${sim.port} -U admin -P adminpass${sim.kg ? ` -k ${sim.kg}` : ''} sol activate`,
      '     (press Enter for a prompt, type "help"; ~. ends the session)',
    );
  }
  lines.push('Ctrl-C stops the simulator.');
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (/** @type {number} */ code) => {
    if (stopping) return;
    stopping = true;
    await sim.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));
  // notice a crashed simulator (see docs/ipmi_sim.md: some requests kill it)
  const watch = setInterval(() => {
    if (!stopping && !sim.alive()) {
      clearInterval(watch);
      process.stderr.write(`ipmi_sim stopped unexpectedly\n${sim.diagnostics()}\n`);
      void stop(1);
    }
  }, 500);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
