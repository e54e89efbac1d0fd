/**
 * `sol activate [usesolkeepalive|nokeepalive] [instance=N]`: the console.
 * Activate Payload, the banner, raw mode on a TTY, then the stream
 * (src/sol/console.ts) until ~., end of input, the BMC ending SOL, or silence.
 * Every way out restores the terminal and sends Deactivate Payload before Close
 * Session; signals and a broken pipe get there through Context.beforeClose.
 */
import { CommandError, HelpRequest, TransportError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { solBanner, solEscapeText } from '../../sol/escape.js';
import { runSolConsole, type KeepaliveMode, type SolEndReason } from '../../sol/console.js';
import { solTiming } from '../../sol/machine.js';
import { sttyTerminal } from '../../sol/terminal.js';
import { report, type Report } from '../../report.js';
import { SOL_USAGE, parseInstanceArg } from './args.js';
import { SOL_PAYLOAD, activateSol, deactivateSol } from './activation.js';
import { DEFAULT_TIMEOUT_SEC, DEFAULT_TRIES, MAX_WAIT_MS } from '../../runtime/connect.js';

/** ipmitool: SOL_KEEPALIVE_TIMEOUT (15 s) and MAX_SOL_RETRY (6). */
const KEEPALIVE_INTERVAL_MS = 15_000;
const KEEPALIVE_MAX_FAILURES = 6;

export interface SolSessionEnd {
  instance: number;
  ended: SolEndReason;
  /** Console output delivered to stdout, and typed characters the BMC accepted. */
  bytesReceived: number;
  bytesSent: number;
  packetsSent: number;
  packetsReceived: number;
  retransmissions: number;
  duplicates: number;
  tookOver: boolean;
}

/**
 * ipmitool's arguments, plus `ignoresolport` (FreeIPMI's workaround of that
 * name): keep SOL on the session's port even when Activate Payload names
 * another one, for a BMC behind port forwarding that reports its own port.
 */
export function parseActivateArgs(args: readonly string[]): { instance: number; keepalive: KeepaliveMode; ignorePort: boolean } {
  let instance = 1;
  let keepalive: KeepaliveMode = 'ipmi';
  let ignorePort = false;
  for (const a of args) {
    if (a === 'ignoresolport') ignorePort = true;
    else if (a === 'usesolkeepalive') keepalive = 'sol';
    else if (a === 'nokeepalive') keepalive = 'none';
    else if (a.startsWith('instance=')) instance = parseInstanceArg(a.slice('instance='.length));
    else throw new HelpRequest(SOL_USAGE, true);
  }
  return { instance, keepalive, ignorePort };
}

export async function activate(ctx: Context, args: string[]): Promise<Report<SolSessionEnd>> {
  const { instance, keepalive, ignorePort } = parseActivateArgs(args);
  const workarounds = ctx.options.workarounds;
  const sol = await activateSol(ctx, instance, ctx.options.force, ignorePort || workarounds?.has('solport') === true);
  const t = sol.transport;
  const esc = ctx.options.escapeChar;
  const terminal = sttyTerminal(ctx.io.stdin);

  // From here on the payload is ours: whatever ends the process must give it back.
  let deactivation: Promise<string | undefined> | undefined;
  const deactivate = (once: boolean): Promise<string | undefined> => (deactivation ??= deactivateSol(ctx, instance, once).catch(() => undefined));
  const unregister = ctx.beforeClose(async () => {
    terminal.restore();
    await deactivate(true);
  });

  // Raw mode first, then the banner: typing that arrives while the banner is
  // printed must not go through the terminal's line discipline (ICRNL would turn
  // CR into LF). In raw mode OPOST is off, so the banner ends in CR LF itself:
  // the same bytes ipmitool's banner becomes through ONLCR.
  terminal.enterRaw();
  const banner = solBanner(esc);
  ctx.io.stdout.write(terminal.isRaw ? banner.replace(/\n$/, '\r\n') : banner);
  // -N and -R with ipmitool's lanplus defaults (SOL exists only over lanplus).
  // SOL runs over lanplus: its -N/-R defaults.
  const timeoutMs = Math.min((ctx.options.timeoutSec || DEFAULT_TIMEOUT_SEC.lanplus) * 1000, MAX_WAIT_MS);
  const tries = ctx.options.retries || DEFAULT_TRIES.lanplus;
  const end = await runSolConsole({
    link: {
      send: (pkt) => t.sendPayload(SOL_PAYLOAD, pkt),
      onPacket: (h) => t.onPayload(SOL_PAYLOAD, h),
    },
    clock: ctx.deps.clock,
    log: ctx.log,
    timing: solTiming({ timeoutMs, tries, inboundPayloadSize: inboundSize(ctx, sol.inboundPayloadSize) }),
    stdin: ctx.io.stdin,
    stdout: ctx.io.stdout,
    terminal,
    escapeChar: esc.charCodeAt(0) & 0xff,
    keepalive: { mode: keepalive, intervalMs: KEEPALIVE_INTERVAL_MS, maxFailures: KEEPALIVE_MAX_FAILURES, ping: () => t.keepalive() },
    escapeText: (action) => solEscapeText(action, esc),
  });
  terminal.restore();

  const s = end.machine.stats;
  const data: SolSessionEnd = {
    instance,
    ended: end.reason,
    bytesReceived: s.bytesIn,
    bytesSent: s.bytesOut,
    packetsSent: s.packetsSent,
    packetsReceived: s.packetsReceived,
    retransmissions: s.retransmissions,
    duplicates: s.duplicates,
    tookOver: sol.tookOver,
  };
  switch (end.reason) {
    case 'escape':
    case 'eof': {
      const line = await deactivate(false);
      unregister();
      return report('sol.activate', data, { notes: line ? [line] : [] });
    }
    case 'deactivated':
      // The BMC ended SOL (another session took it): nothing to give back.
      unregister();
      throw new CommandError('SOL session closed by BMC', 'sol-closed');
    case 'stalled':
      await deactivate(true);
      unregister();
      throw new TransportError('SOL session closed by BMC', 'sol-lost', ['Error sending SOL data: FAIL']);
    case 'keepalive-lost':
      await deactivate(true);
      unregister();
      throw new TransportError('Error: No response to keepalive - Terminating session', 'keepalive');
  }
}

/**
 * The SOL payload size to send in: the BMC's, unless it cannot be right (recognised, said under
 * -v): no room for the 4-byte SOL header (then 36: 32 characters, a size BMCs take), or more
 * than one character count byte can say (then 259). -W solpayloadsize ignores the BMC's size: 36.
 */
function inboundSize(ctx: Context, reported: number): number {
  const safe = 36;
  if (ctx.options.workarounds?.has('solpayloadsize')) {
    ctx.log.verbose(1, `The BMC reports SOL payload size ${reported}: using ${safe} (solpayloadsize)`);
    return safe;
  }
  const fixed = reported <= 4 ? safe : Math.min(reported, 259);
  if (fixed !== reported) ctx.log.verbose(1, `The BMC reports an impossible SOL payload size ${reported}: using ${fixed} (as -W solpayloadsize)`);
  return fixed;
}
