/**
 * The glue of `sol activate`: stdin through the escape processor into the
 * state machine, SOL packets from the session into the machine, the machine's
 * effects out to the session, the terminal and the clock; keepalive. Ends with
 * the reason; the caller deactivates the payload and reports.
 */
import { DecodeError } from '../errors.js';
import type { Clock, Logger } from '../io.js';
import { initialEscapeState, processEscapes, type EscapeAction } from './escape.js';
import { SolMachine, type SolEffect, type SolTiming } from './machine.js';
import { decodeBmcPacket, encodeConsolePacket } from './packet.js';
import type { Terminal } from './terminal.js';

export interface SolLink {
  send(packet: Buffer): Promise<void>;
  onPacket(handler: ((payload: Buffer) => void) | undefined): void;
}

export type KeepaliveMode = 'ipmi' | 'sol' | 'none';

export interface SolConsoleOptions {
  link: SolLink;
  clock: Clock;
  log: Logger;
  timing: SolTiming;
  stdin: NodeJS.ReadableStream;
  stdout: { write(chunk: string | Uint8Array): unknown };
  terminal: Terminal;
  escapeChar: number;
  keepalive: {
    mode: KeepaliveMode;
    /** ipmitool: more than 15 s since the last good keepalive. */
    intervalMs: number;
    /** Consecutive failures tolerated (ipmitool MAX_SOL_RETRY = 6: the 7th ends the session). */
    maxFailures: number;
    /** ipmi mode: Get Device ID through the session. */
    ping(): Promise<void>;
  };
  /** What ipmitool prints for an escape (the echo line, or the help text). */
  escapeText(action: EscapeAction): string;
}

export type SolEndReason =
  /** ~. */
  | 'escape'
  /** End of input. */
  | 'eof'
  /** The BMC said "SOL deactivating". */
  | 'deactivated'
  /** Typed data was never acknowledged. */
  | 'stalled'
  | 'keepalive-lost';

export interface SolEnd {
  reason: SolEndReason;
  machine: SolMachine;
}

export function runSolConsole(o: SolConsoleOptions): Promise<SolEnd> {
  const machine = new SolMachine(o.timing);
  const { clock } = o;
  let escapes = initialEscapeState();
  let timer: unknown;
  let keepaliveTimer: unknown;
  let keepaliveFailures = 0;
  /** EOF or ~. seen: finish once what was typed before it is acknowledged. */
  let ending: SolEndReason | undefined;
  let done = false;

  return new Promise<SolEnd>((resolve) => {
    const finish = (reason: SolEndReason): void => {
      if (done) return;
      done = true;
      clock.clearTimeout(timer);
      clock.clearTimeout(keepaliveTimer);
      o.link.onPacket(undefined);
      o.stdin.removeListener('data', onData);
      o.stdin.removeListener('end', onEnd);
      o.stdin.removeListener('error', onEnd);
      o.stdin.pause();
      // Nothing more is read: let go of stdin so that ~. ends the process while
      // the other end of a pipe still holds it open (conserver does).
      (o.stdin as { destroy?: () => void }).destroy?.();
      o.terminal.restore();
      resolve({ reason, machine });
    };

    const write = (data: string | Uint8Array): void => {
      try {
        o.stdout.write(data);
      } catch {
        // A broken pipe is reported by the stream's 'error' event (the process ends there).
      }
    };

    const apply = (fx: SolEffect[]): void => {
      for (const e of fx) {
        if (done) return;
        switch (e.kind) {
          case 'send':
            o.log.verbose(
              3,
              `SOL >> seq ${e.packet.seq} ack ${e.packet.ackSeq}/${e.packet.accepted} ${e.packet.data.length} chars${e.packet.generateBreak ? ' break' : ''}`,
            );
            void o.link.send(encodeConsolePacket(e.packet)).catch((err: Error) => o.log.verbose(2, `SOL send failed: ${err.message}`));
            break;
          case 'output':
            write(e.data);
            break;
          case 'acked':
            if (e.tag === 'keepalive') keepaliveDone(true);
            break;
          case 'deactivated':
            return finish('deactivated');
          case 'stalled':
            return finish(e.tag === 'keepalive' ? 'keepalive-lost' : 'stalled');
        }
      }
      if (ending && machine.idle) return finish(ending);
      schedule();
    };

    const schedule = (): void => {
      clock.clearTimeout(timer);
      const at = machine.nextTimer();
      if (at === undefined || done) return;
      timer = clock.setTimeout(() => apply(machine.tick(clock.now())), Math.max(0, at - clock.now()));
    };

    const onData = (chunk: Buffer | string): void => {
      if (done || ending) return;
      const r = processEscapes(escapes, typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk, o.escapeChar);
      escapes = r.state;
      for (const ev of r.events) {
        if (ev.kind === 'data') {
          apply(machine.write(ev.data, clock.now()));
          continue;
        }
        write(o.escapeText(ev.action));
        switch (ev.action) {
          case 'terminate':
            ending = 'escape';
            apply([]);
            return;
          case 'break':
            apply(machine.sendBreak(clock.now()));
            break;
          case 'suspend':
            o.terminal.suspend(true);
            break;
          case 'suspend-keep-tty':
            o.terminal.suspend(false);
            break;
          case 'help':
            break;
        }
      }
    };

    const onEnd = (): void => {
      if (done || ending) return;
      ending = 'eof';
      apply([]);
    };

    const onPacket = (payload: Buffer): void => {
      if (done) return;
      let p;
      try {
        p = decodeBmcPacket(payload);
      } catch (e) {
        if (e instanceof DecodeError) return o.log.verbose(2, `ignored a SOL packet: ${e.message}`);
        throw e;
      }
      o.log.verbose(
        3,
        `SOL << seq ${p.seq} ack ${p.ackSeq}/${p.accepted} ${p.data.length} chars${p.nack ? ' nack' : ''}${p.transferUnavailable ? ' unavailable' : ''}${p.deactivating ? ' deactivating' : ''}`,
      );
      apply(machine.receive(p, clock.now()));
    };

    const keepaliveDone = (ok: boolean): void => {
      if (done) return;
      if (ok) {
        keepaliveFailures = 0;
        keepaliveTimer = clock.setTimeout(keepalive, o.keepalive.intervalMs);
        return;
      }
      keepaliveFailures++;
      o.log.verbose(1, `SOL keepalive failed (${keepaliveFailures} in a row)`);
      if (keepaliveFailures > o.keepalive.maxFailures) return finish('keepalive-lost');
      // ipmitool tries again on its next loop turn (select waits up to 500 ms).
      keepaliveTimer = clock.setTimeout(keepalive, 500);
    };

    const keepalive = (): void => {
      if (done) return;
      if (o.keepalive.mode === 'sol') return apply(machine.keepalive(clock.now()));
      o.keepalive.ping().then(
        () => keepaliveDone(true),
        () => keepaliveDone(false),
      );
    };

    o.link.onPacket(onPacket);
    apply(machine.prime(clock.now()));
    o.stdin.on('data', onData);
    o.stdin.on('end', onEnd);
    o.stdin.on('error', onEnd);
    o.stdin.resume();
    if (o.keepalive.mode !== 'none') keepaliveTimer = clock.setTimeout(keepalive, o.keepalive.intervalMs);
  });
}
