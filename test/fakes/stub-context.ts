/**
 * The one stub Context for command verb tests: a real Context (options from the real argv
 * grammar, captured stdout and stderr, injected env and clock) whose session is a scripted BMC.
 *
 * Replies are scripted per command name ('Get Device ID'), as a queue or as a table keyed by
 * the request data; every request is recorded with its data bytes. A request nothing was scripted for fails the verb, and a reply the test scripted
 * but the verb never asked for fails the test when it ends (httpmock's Verify): a test cannot
 * pass with a script that does not describe what really happened.
 *
 *   const s = stubContext({ 'Get Channel Info': [{ data: '01 04 01 80 f2 1b 00 00 00' }] });
 *   expect(await s.line(['channel', 'info', '1'])).toBe(0);
 *   expect(s.sent).toEqual([{ name: 'Get Channel Info', data: '01' }]);
 *   expect(s.out).toBe('Channel 0x1 info:\n...');
 */
import { onTestFinished } from 'vitest';
import { parseGlobalOptions } from '../../src/cli/global-options.js';
import { runLine } from '../../src/cli/main.js';
import { TimeoutError } from '../../src/errors.js';
import { type CallOptions, IpmiClient } from '../../src/ipmi/client.js';
import type { IpmiCommand, IpmiRequest, IpmiResponse } from '../../src/ipmi/command.js';
import type { Clock, Logger } from '../../src/io.js';
import { Context, type Deps, type Io } from '../../src/runtime/context.js';
import type { GlobalOptions } from '../../src/runtime/options.js';
import type { Transport } from '../../src/transport/transport.js';

/** A completion code (0 when absent) and response data as hex (spaces allowed), or no answer at all. */
export type Reply = { cc?: number; data?: string } | 'timeout';

/**
 * The replies to one command: a queue, used in order (each must be asked for), or a BMC's table
 * keyed by the request data in hex (parameter reads in any order; a request not in it fails).
 */
export type Replies = Reply[] | Readonly<Record<string, Reply>>;

/** A request as the BMC saw it: the command's name (or `netfn 0x.. cmd 0x..` for raw), its data in hex. */
export interface Sent {
  name: string;
  data: string;
  /** Sent without retransmission (CallOptions.once). */
  once?: true;
}

export interface StubOptions {
  /** Global options as on the command line (default: -I lanplus -H bmc -U admin -P secret). */
  argv?: readonly string[];
  env?: Record<string, string>;
  clock?: Clock;
  /** Fail the test when it ends if a scripted reply was never asked for (default true). */
  verify?: boolean;
  /** Called with each request as it is sent (after it is recorded). */
  onRequest?: (name: string, req: IpmiRequest) => void;
}

export const STUB_TIME = Date.UTC(2026, 0, 1);

/** Time stands still at STUB_TIME; a timer fires on the next turn of the event loop. */
const instantClock: Clock = {
  now: () => STUB_TIME,
  setTimeout: (fn) => setImmediate(fn),
  clearTimeout: (h) => clearImmediate(h as NodeJS.Immediate),
};

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s.replace(/\s/g, ''), 'hex');

/** The scripted BMC behind the stub transport. */
class ScriptedBmc implements Transport {
  readonly description = 'stub BMC';
  readonly sent: Sent[] = [];
  readonly requests: IpmiRequest[] = [];
  abandoned = false;
  /** The name of the command IpmiClient is about to send (set by NamingClient). */
  naming: string | undefined;

  constructor(
    private readonly replies: Record<string, Replies>,
    private readonly onRequest: (name: string, req: IpmiRequest) => void = () => undefined,
  ) {}

  async open(): Promise<void> {}
  async close(): Promise<void> {}
  async keepalive(): Promise<void> {}
  abandon(): void {
    this.abandoned = true;
  }

  async request(req: IpmiRequest): Promise<IpmiResponse> {
    const name = this.naming ?? `netfn 0x${req.netFn.toString(16).padStart(2, '0')} cmd 0x${req.cmd.toString(16).padStart(2, '0')}`;
    this.naming = undefined;
    this.sent.push({ name, data: hex(req.data), ...(req.once ? { once: true as const } : {}) });
    this.requests.push(req);
    this.onRequest(name, req);
    const script = this.replies[name];
    const r = Array.isArray(script) ? script.shift() : script?.[hex(req.data)];
    if (r === undefined) throw new Error(`stub BMC: unexpected ${name} (data ${hex(req.data) || 'none'})`);
    if (r === 'timeout') throw new TimeoutError('No response from remote controller', 4);
    return { cc: r.cc ?? 0, data: r.cc ? Buffer.alloc(0) : unhex(r.data ?? '') };
  }

  /** Names with replies the verb never asked for. */
  left(): string[] {
    return Object.entries(this.replies)
      .filter(([, q]) => Array.isArray(q) && q.length > 0)
      .map(([k]) => k);
  }
}

/** IpmiClient as the verbs know it; it only tells the stub which command it is sending. */
class NamingClient extends IpmiClient {
  constructor(private readonly bmc: ScriptedBmc) {
    super(bmc);
  }

  override try<Req, Res>(cmd: IpmiCommand<Req, Res>, req: Req, opts: CallOptions = {}): Promise<{ cc: number; value?: Res }> {
    this.bmc.naming = cmd.name;
    return super.try(cmd, req, opts);
  }
}

/** A real Context whose session is the scripted BMC; it also keeps every verbose line, whatever the -v level. */
class StubContext extends Context {
  opened = false;
  readonly logs: string[] = [];
  override readonly log: Logger = {
    verbose: (level, line) => {
      this.logs.push(line);
      if (this.options.verbose >= level) this.io.stderr.write(`${line}\n`);
    },
  };

  constructor(
    options: GlobalOptions,
    io: Io,
    deps: Deps,
    private readonly session: IpmiClient,
  ) {
    super(options, io, deps);
  }

  override client(): Promise<IpmiClient> {
    this.opened = true;
    return Promise.resolve(this.session);
  }

  override get connected(): boolean {
    return this.opened;
  }
}

export interface Stub {
  ctx: Context;
  /** Every request, in order. */
  readonly sent: Sent[];
  /** The same requests as the transport saw them (netFn, cmd, data, lun). */
  readonly requests: readonly IpmiRequest[];
  /** What was printed. */
  readonly out: string;
  readonly err: string;
  /** Every verbose line (ctx.log) so far, at any -v level. */
  readonly logs: string[];
  /** A session was asked for. */
  readonly connected: boolean;
  /** The verb dropped the session without Close Session (mc reset cold). */
  readonly abandoned: boolean;
  /** Scripted replies never asked for. */
  left(): string[];
  /** One command line (words after the global options) as the CLI runs it: its exit status; output in out/err. */
  line(words: readonly string[]): Promise<number>;
}

export function stubContext(replies: Record<string, Replies> = {}, o: StubOptions = {}): Stub {
  const parsed = parseGlobalOptions([...(o.argv ?? ['-I', 'lanplus', '-H', 'bmc', '-U', 'admin', '-P', 'secret']), 'stub']);
  if (parsed.kind !== 'run') throw new Error(`stub context: the global options ask for ${parsed.kind}`);
  const bmc = new ScriptedBmc(replies, o.onRequest);
  let out = '';
  let err = '';
  const io: Io = {
    stdout: { write: (c) => void (out += String(c)) },
    stderr: { write: (c) => void (err += String(c)) },
    stdin: process.stdin,
  };
  const deps: Deps = {
    env: o.env ?? {},
    clock: o.clock ?? instantClock,
    random: (n) => Buffer.alloc(n, 0x5a),
    connect: () => Promise.reject(new Error('stub context: no network')),
    prompt: async () => undefined,
  };
  const ctx = new StubContext(parsed.options, io, deps, new NamingClient(bmc));
  if (o.verify !== false) {
    onTestFinished(() => {
      const left = bmc.left();
      if (left.length > 0) throw new Error(`stub BMC: scripted replies never asked for: ${left.join(', ')}`);
    });
  }
  return {
    ctx,
    sent: bmc.sent,
    requests: bmc.requests,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    logs: ctx.logs,
    get connected() {
      return ctx.opened;
    },
    get abandoned() {
      return bmc.abandoned;
    },
    left: () => bmc.left(),
    line: (words) => runLine(ctx, words),
  };
}
