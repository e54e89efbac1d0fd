// @ts-check
/**
 * Runtime of the simulated BMC: starts OpenIPMI's ipmi_sim on a free loopback
 * UDP port with the configuration from content.mjs / lan.conf.in, waits until
 * it answers, seeds the SEL, runs the SOL console and cleans everything up.
 *
 * Plain ESM so that scripts/sim.mjs (plain Node) can use it; the TypeScript
 * view of this module is simlib.d.mts and the test-suite entry point is
 * sim.ts.  See README.md in this directory.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as content from './content.mjs';

export * from './content.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const IPMI_SIM = process.env.IPMITS_IPMI_SIM ?? 'ipmi_sim';
const SOCAT = process.env.IPMITS_SOCAT ?? 'socat';
const DEFAULT_HOST = '127.0.0.1';
const START_TIMEOUT_MS = 5000;

/** @typedef {import('./simlib.d.mts').SimOptions} SimOptions */
/** @typedef {import('./simlib.d.mts').SimUser} SimUser */

// ---------------------------------------------------------------------------
// small helpers
// ---------------------------------------------------------------------------

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {string} host */
function checkLoopback(host) {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) {
    throw new Error(`simulator host must be an IPv4 loopback address (127.0.0.0/8), got ${host}`);
  }
}

/**
 * Bind a UDP socket without SO_REUSEADDR.  Resolves with the bound port, or
 * null if the address is in use (also by a SO_REUSEADDR socket such as
 * ipmi_sim's: Linux only shares a port when *both* sockets set the option).
 * @param {string} host @param {number} port
 * @returns {Promise<number|null>}
 */
function tryBindUdp(host, port) {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    s.once('error', (/** @type {NodeJS.ErrnoException} */ e) => {
      s.close();
      if (e.code === 'EADDRINUSE') resolve(null);
      else reject(e);
    });
    s.bind({ address: host, port, exclusive: true }, () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

/** @param {string} host @param {number} port @returns {Promise<number|null>} */
function tryListenTcp(host, port) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (/** @type {NodeJS.ErrnoException} */ e) => {
      if (e.code === 'EADDRINUSE') resolve(null);
      else reject(e);
    });
    srv.listen({ host, port, exclusive: true }, () => {
      const a = srv.address();
      const p = typeof a === 'object' && a ? a.port : null;
      srv.close(() => resolve(p));
    });
  });
}

/** @param {string} host */
async function pickUdpPort(host) {
  for (let i = 0; i < 20; i++) {
    const p = await tryBindUdp(host, 0);
    if (p !== null) return p;
  }
  throw new Error('could not find a free UDP port');
}

/** @param {string} host @param {number} avoid */
async function pickTcpPort(host, avoid) {
  for (let i = 0; i < 20; i++) {
    const p = await tryListenTcp(host, 0);
    if (p !== null && p !== avoid) return p;
  }
  throw new Error('could not find a free TCP port');
}

/** Keep the last `max` characters of a stream. */
class Tail {
  /** @param {number} max */
  constructor(max) {
    this.max = max;
    this.text = '';
  }
  /** @param {Buffer|string} d */
  push(d) {
    this.text += d.toString();
    if (this.text.length > this.max) this.text = this.text.slice(-this.max);
  }
}

// ---------------------------------------------------------------------------
// Minimal IPMI v1.5 LAN client (used only by the harness itself)
// ---------------------------------------------------------------------------

/** @param {number[]} b */
const cksum = (b) => (0x100 - (b.reduce((a, x) => a + x, 0) & 0xff)) & 0xff;

/**
 * Just enough IPMI v1.5 over RMCP to (a) probe the simulator before any
 * session (Get Channel Authentication Capabilities, Get System GUID) and (b)
 * run a few admin commands in a session with authentication type NONE (the
 * simulator allows it for every privilege level), e.g. Set SEL Time and Add
 * SEL Entry to seed the event log.  No integrity, no retries beyond a simple
 * resend; loopback only.
 */
export class Lan15Client {
  /** @param {string} host @param {number} port */
  constructor(host, port) {
    this.host = host;
    this.port = port;
    /** @type {dgram.Socket|null} */
    this.sock = null;
    this.rqSeq = 0;
    this.sid = 0;
    this.seq = 0;
    /** @type {Map<number, (msg: Buffer) => void>} */
    this.pending = new Map();
  }

  async open() {
    const s = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    s.on('message', (m) => this.#onMessage(m));
    s.on('error', () => {
      /* loopback: ignore, the request times out */
    });
    await new Promise((resolve) => s.bind({ address: this.host, port: 0, exclusive: true }, () => resolve(undefined)));
    this.sock = s;
    return this;
  }

  close() {
    if (this.sock) {
      this.sock.close();
      this.sock = null;
    }
  }

  /** @param {Buffer} m */
  #onMessage(m) {
    // RMCP(4) authtype(1) seq(4) sid(4) [authcode(16)] len(1) msg
    if (m.length < 14 || m[0] !== 0x06 || m[3] !== 0x07) return;
    const auth = m[4] ?? 0;
    let off = 13 + (auth !== 0 ? 16 : 0);
    const len = m[off] ?? 0;
    off += 1;
    const msg = m.subarray(off, off + len);
    if (msg.length < 8) return;
    const seq = (msg[4] ?? 0) >> 2;
    const cmd = msg[5] ?? 0;
    const key = (seq << 8) | cmd;
    const cb = this.pending.get(key);
    if (cb) {
      this.pending.delete(key);
      cb(msg);
    }
  }

  /**
   * Send one request and wait for its response.
   * @param {number} netfn @param {number} cmd @param {number[]} data
   * @param {{ timeoutMs?: number, tries?: number, session?: boolean }} [o]
   * @returns {Promise<{ cc: number, data: Buffer }>}
   */
  async request(netfn, cmd, data, o = {}) {
    const sock = this.sock;
    if (!sock) throw new Error('Lan15Client not open');
    const tries = o.tries ?? 4;
    const timeoutMs = o.timeoutMs ?? 250;
    const inSession = o.session ?? this.sid !== 0;
    for (let attempt = 0; attempt < tries; attempt++) {
      this.rqSeq = (this.rqSeq + 1) & 0x3f;
      const rqSeq = this.rqSeq;
      let seq = 0;
      if (inSession) {
        this.seq = (this.seq + 1) >>> 0;
        seq = this.seq;
      }
      const hdr = [0x20, netfn << 2];
      const body = [0x81, rqSeq << 2, cmd, ...data];
      const msg = [...hdr, cksum(hdr), ...body, cksum(body)];
      const sess = Buffer.alloc(10);
      sess[0] = 0x00; // auth type NONE
      sess.writeUInt32LE(seq, 1);
      sess.writeUInt32LE(inSession ? this.sid : 0, 5);
      sess[9] = msg.length;
      const pkt = Buffer.concat([Buffer.from([0x06, 0x00, 0xff, 0x07]), sess, Buffer.from(msg)]);
      const key = (rqSeq << 8) | cmd;
      /** @type {Promise<Buffer|null>} */
      const reply = new Promise((resolve) => {
        const t = setTimeout(() => {
          this.pending.delete(key);
          resolve(null);
        }, timeoutMs);
        this.pending.set(key, (m) => {
          clearTimeout(t);
          resolve(m);
        });
      });
      sock.send(pkt, this.port, this.host);
      const m = await reply;
      if (m) return { cc: m[6] ?? 0xff, data: m.subarray(7, m.length - 1) };
    }
    throw new Error(`no answer from ${this.host}:${this.port} to netfn 0x${netfn.toString(16)} cmd 0x${cmd.toString(16)}`);
  }

  /**
   * Open a session with authentication type NONE.
   * @param {string} user @param {number} [priv] 4 = administrator
   */
  async activate(user, priv = 4) {
    const name = Buffer.alloc(16);
    name.write(user, 'latin1');
    const ch = await this.request(0x06, 0x39, [0x00, ...name], { session: false });
    if (ch.cc !== 0) throw new Error(`Get Session Challenge failed: cc 0x${ch.cc.toString(16)}`);
    const tempSid = ch.data.readUInt32LE(0);
    const challenge = [...ch.data.subarray(4, 20)];
    // Activate Session goes out with the temporary session id and sequence 0
    this.sid = tempSid;
    this.seq = 0;
    const initialOut = 1;
    const act = await this.#requestRaw(0x06, 0x3a, [0x00, priv, ...challenge, initialOut, 0, 0, 0]);
    if (act.cc !== 0) {
      this.sid = 0;
      throw new Error(`Activate Session failed: cc 0x${act.cc.toString(16)}`);
    }
    this.sid = act.data.readUInt32LE(1);
    // our requests continue from the BMC's "initial inbound sequence number"
    this.seq = (act.data.readUInt32LE(5) - 1) >>> 0;
    const sp = await this.request(0x06, 0x3b, [priv]);
    if (sp.cc !== 0) throw new Error(`Set Session Privilege Level failed: cc 0x${sp.cc.toString(16)}`);
  }

  /** Activate Session: session id set, sequence number 0. @param {number} netfn @param {number} cmd @param {number[]} data */
  async #requestRaw(netfn, cmd, data) {
    const save = this.seq;
    this.seq = -1 >>> 0; // request() increments to 0
    try {
      return await this.request(netfn, cmd, data, { session: true, tries: 1, timeoutMs: 1000 });
    } finally {
      this.seq = save;
    }
  }

  async closeSession() {
    if (this.sid === 0) return;
    const sid = this.sid;
    const b = Buffer.alloc(4);
    b.writeUInt32LE(sid, 0);
    try {
      await this.request(0x06, 0x3c, [...b], { tries: 1 });
    } finally {
      this.sid = 0;
    }
  }
}

/**
 * Probe: pre-session Get Channel Authentication Capabilities (channel E =
 * "this channel", administrator) and then Get System GUID.
 * @param {Lan15Client} c
 */
async function probe(c) {
  const caps = await c.request(0x06, 0x38, [0x8e, 0x04], { session: false, tries: 1, timeoutMs: 30 });
  if (caps.cc !== 0) throw new Error(`Get Channel Authentication Capabilities: cc 0x${caps.cc.toString(16)}`);
  const guid = await c.request(0x06, 0x37, [], { session: false, tries: 3, timeoutMs: 200 });
  if (guid.cc !== 0) throw new Error(`Get System GUID: cc 0x${guid.cc.toString(16)}`);
  return guid.data;
}

// ---------------------------------------------------------------------------
// GUID
// ---------------------------------------------------------------------------

/**
 * A random RFC 4122 version 4 UUID.  IPMI sends GUIDs least significant byte
 * first, i.e. the RFC byte string reversed; ipmitool "mc guid" prints the
 * RFC form back.
 */
function newGuid() {
  const uuid = crypto.randomUUID();
  const rfc = Buffer.from(uuid.replace(/-/g, ''), 'hex');
  const wire = Buffer.from(rfc).reverse();
  return { uuid, wireHex: wire.toString('hex') };
}

// ---------------------------------------------------------------------------
// SOL console (the "serial port" of the simulated host)
// ---------------------------------------------------------------------------

const BANNER = '\r\n' + 'ipmits simulated host - serial console on ttyS0\r\n' + 'Debian GNU/Linux 12 simhost ttyS0\r\n' + '\r\n';
const PROMPT = 'sim$ ';
const HELP =
  'commands: help | banner | echo TEXT | big N (N numbered 80-byte lines) |\r\n' + '          hex HH HH .. (emit raw bytes) | reset (forget the input log)\r\n';

/**
 * The other end of the SOL pty.  socat connects the pty (which ipmi_sim opens
 * as its serial device) to a UNIX socket served here, so the test process
 * sees exactly what the client typed and can make the "host" print anything.
 *
 * mode 'shell' (default): echoes input like a tty and runs a tiny line
 * interpreter (see HELP) with the prompt "sim$ ".  mode 'raw': nothing is
 * sent back automatically; tests drive the output with write().
 * Output is only delivered while a SOL session is active (ipmi_sim drops
 * serial output that arrives with no session).
 */
export class SolConsole {
  /** @param {string} sockPath */
  constructor(sockPath) {
    this.sockPath = sockPath;
    /** @type {'shell'|'raw'} */
    this.mode = 'shell';
    /** @type {net.Server|null} */
    this.server = null;
    /** @type {net.Socket|null} */
    this.conn = null;
    /** @type {Buffer[]} */
    this.chunks = [];
    this.size = 0;
    this.line = '';
    this.lastCR = false;
    /** @type {Set<() => void>} */
    this.waiters = new Set();
    this.connections = 0;
  }

  async listen() {
    await fsp.rm(this.sockPath, { force: true });
    const srv = net.createServer((s) => this.#accept(s));
    await new Promise((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(this.sockPath, () => resolve(undefined));
    });
    this.server = srv;
  }

  /** @param {net.Socket} s */
  #accept(s) {
    if (this.conn) this.conn.destroy();
    this.conn = s;
    this.connections++;
    s.setNoDelay(true);
    s.on('data', (d) => this.#onData(d));
    s.on('error', () => {});
    s.on('close', () => {
      if (this.conn === s) this.conn = null;
      this.#wake();
    });
    this.#wake();
  }

  #wake() {
    for (const w of [...this.waiters]) w();
  }

  /** @param {Buffer} d */
  #onData(d) {
    this.chunks.push(d);
    this.size += d.length;
    if (this.mode === 'shell') this.#shell(d);
    this.#wake();
  }

  /** @param {Buffer} d */
  #shell(d) {
    let out = '';
    for (const c of d) {
      if (c === 0x0a && this.lastCR) {
        this.lastCR = false;
        continue;
      }
      this.lastCR = c === 0x0d;
      if (c === 0x0d || c === 0x0a) {
        out += '\r\n' + this.#run(this.line) + PROMPT;
        this.line = '';
      } else if (c === 0x7f || c === 0x08) {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          out += '\b \b';
        }
      } else if (c === 0x03) {
        out += '^C\r\n' + PROMPT;
        this.line = '';
      } else if (c >= 0x20 || c === 0x09) {
        this.line += String.fromCharCode(c);
        out += String.fromCharCode(c);
      }
    }
    if (out) this.write(out);
  }

  /** @param {string} line */
  #run(line) {
    const [cmd = '', ...args] = line.trim().split(/\s+/);
    const rest = line.trim().slice(cmd.length).trim();
    switch (cmd) {
      case '':
        return '';
      case 'help':
        return HELP;
      case 'banner':
        return BANNER;
      case 'echo':
        return rest + '\r\n';
      case 'reset':
        this.clear();
        return '';
      case 'big': {
        const n = Math.min(Math.max(parseInt(args[0] ?? '100', 10) || 0, 0), 100000);
        return bigOutput(n);
      }
      case 'hex': {
        const bytes = args.map((h) => parseInt(h, 16)).filter((v) => v >= 0 && v <= 255);
        return Buffer.from(bytes).toString('latin1');
      }
      default:
        return `sim: ${cmd}: command not found\r\n`;
    }
  }

  /** Bytes received from the client (via ipmi_sim) since start / clear(). */
  received() {
    return Buffer.concat(this.chunks, this.size);
  }
  text() {
    return this.received().toString('latin1');
  }
  clear() {
    this.chunks = [];
    this.size = 0;
  }
  connected() {
    return this.conn !== null;
  }

  /** Make the host print bytes (strings are sent as latin1). @param {string|Uint8Array} data */
  write(data) {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
    if (!this.conn) throw new Error('SOL console: the pty is not connected (is ipmi_sim running?)');
    this.conn.write(b);
  }

  /**
   * Wait until the received text (latin1) matches.
   * @param {string|RegExp} pattern @param {number} [timeoutMs]
   * @returns {Promise<string>} the whole received text at that point
   */
  waitFor(pattern, timeoutMs = 5000) {
    const test = () => {
      const t = this.text();
      return (typeof pattern === 'string' ? t.includes(pattern) : pattern.test(t)) ? t : null;
    };
    return this.#waitUntil(test, timeoutMs, () => `SOL console: timed out waiting for ${String(pattern)}; received ${JSON.stringify(this.text())}`);
  }

  /** @param {number} [timeoutMs] */
  waitForConnection(timeoutMs = 5000) {
    return this.#waitUntil(
      () => (this.conn ? true : null),
      timeoutMs,
      () => 'SOL console: ipmi_sim did not open the pty',
    );
  }

  /**
   * @template T
   * @param {() => T|null} test @param {number} timeoutMs @param {() => string} msg
   * @returns {Promise<T>}
   */
  #waitUntil(test, timeoutMs, msg) {
    const now = test();
    if (now !== null) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const w = () => {
        const r = test();
        if (r !== null) {
          done();
          resolve(r);
        }
      };
      const t = setTimeout(() => {
        done();
        reject(new Error(msg()));
      }, timeoutMs);
      const done = () => {
        clearTimeout(t);
        this.waiters.delete(w);
      };
      this.waiters.add(w);
    });
  }

  async close() {
    if (this.conn) this.conn.destroy();
    this.conn = null;
    const srv = this.server;
    this.server = null;
    if (srv) await new Promise((r) => srv.close(() => r(undefined)));
    this.#wake();
  }
}

/** N numbered lines of 80 bytes each (78 printable + CRLF). @param {number} n */
export function bigOutput(n) {
  const filler = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-=';
  let s = '';
  for (let i = 1; i <= n; i++) {
    const head = `line ${String(i).padStart(6, '0')} `;
    s += (head + filler).slice(0, 78) + '\r\n';
  }
  return s;
}

// ---------------------------------------------------------------------------
// The simulator instance
// ---------------------------------------------------------------------------

/** @type {Set<SimInstance>} */
const live = new Set();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of [...live]) s.killSync();
  });
}

let instanceCounter = 0;

export class SimInstance {
  /** @param {SimOptions} opts @param {string} dir */
  constructor(opts, dir) {
    this.opts = opts;
    this.host = opts.host ?? DEFAULT_HOST;
    this.port = 0;
    this.consolePort = 0;
    this.stateDir = dir;
    /** @type {SimUser[]} */
    this.users = content.USERS.map((u) => ({ ...u }));
    /** @type {string|undefined} */
    this.kg = opts.kg;
    const g = newGuid();
    this.guid = g.uuid;
    this.guidWireHex = g.wireHex;
    this.name = `ipmits${process.pid}x${++instanceCounter}`;
    /** @type {SolConsole|undefined} */
    this.sol = undefined;
    /** @type {string|undefined} */
    this.solPty = undefined;
    /** @type {import('node:child_process').ChildProcess|null} */
    this.child = null;
    /** @type {import('node:child_process').ChildProcess|null} */
    this.socat = null;
    this.stderrTail = new Tail(16384);
    this.stdoutTail = new Tail(65536);
    /** @type {net.Socket|null} */
    this.consoleSock = null;
    /** @type {Promise<unknown>} */
    this.consoleQueue = Promise.resolve();
    this.stopped = false;
    /** @type {string[]} */
    this.warnings = [];
  }

  get admin() {
    const a = this.users.find((u) => u.priv === 'admin' && u.enabled && u.name !== '');
    if (!a) throw new Error('no enabled admin user');
    return a;
  }

  /** Files and directories inside stateDir. */
  get paths() {
    const d = this.stateDir;
    return {
      lanConf: path.join(d, 'lan.conf'),
      emu: path.join(d, 'bmc.emu'),
      fru0: path.join(d, 'fru0.bin'),
      fru1: path.join(d, 'fru1.bin'),
      persist: path.join(d, 'persist'),
      power: path.join(d, 'power'),
      bootdev: path.join(d, 'bootdev'),
      identify: path.join(d, 'identify'),
      chassisLog: path.join(d, 'chassis.log'),
      lan: path.join(d, 'lan'),
      solSock: path.join(d, 'sol.sock'),
    };
  }

  async init() {
    const p = this.paths;
    const o = this.opts;
    if (o.sol) {
      // basename must be unique: ipmi_sim takes a UUCP lock /var/lock/LCK..<basename>
      this.solPty = path.join(this.stateDir, `${this.name}-sol`);
    }
    await fsp.mkdir(p.persist, { recursive: true });
    await fsp.mkdir(p.lan, { recursive: true });
    await fsp.writeFile(p.fru0, content.fruImage(content.FRU0));
    await fsp.writeFile(p.fru1, content.fruImage(content.FRU1));
    await fsp.writeFile(p.emu, content.renderEmu({ fru0Path: p.fru0, fru1Path: p.fru1, extraEmu: o.extraEmu }));
    await fsp.writeFile(p.power, o.powerOn === false ? '0\n' : '1\n');
    await fsp.writeFile(p.bootdev, 'none\n');
    if (o.sol) {
      this.sol = new SolConsole(p.solSock);
      await this.sol.listen();
    }
  }

  async writeLanConf() {
    const p = this.paths;
    const template = await fsp.readFile(path.join(HERE, 'lan.conf.in'), 'utf8');
    const sh = (/** @type {string} */ s) => `'${s.replace(/'/g, `'\\''`)}'`;
    await fsp.writeFile(
      p.lanConf,
      content.renderLanConf(template, {
        name: this.name,
        host: this.host,
        port: this.port,
        consolePort: this.consolePort,
        guidHex: this.guidWireHex,
        kg: this.kg,
        // sourced, so popen's shell answers a get with builtins only (no fork per Get Chassis Status; see the script)
        chassisControl: `. ${sh(path.join(HERE, 'chassis_control.sh'))}; chassis_control ${sh(this.stateDir)}`,
        lanConfig: `/bin/sh ${sh(path.join(HERE, 'lan_config.sh'))} ${sh(this.stateDir)}`,
        solDevice: this.solPty,
        users: this.users,
        vmPort: this.opts.vmPort,
      }),
    );
  }

  async startSocat() {
    if (!this.sol || !this.solPty) return;
    await fsp.rm(this.solPty, { force: true });
    const child = spawn(SOCAT, [`PTY,link=${this.solPty},rawer`, `UNIX-CONNECT:${this.paths.solSock}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    const err = new Tail(4096);
    child.stderr?.on('data', (d) => err.push(d));
    child.on('error', (e) => err.push(String(e)));
    this.socat = child;
    const deadline = Date.now() + 3000;
    while (!fs.existsSync(this.solPty)) {
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
        throw new Error(`socat did not create the SOL pty ${this.solPty}: ${err.text || 'no output'}`);
      }
      await sleep(5);
    }
  }

  /** Start ipmi_sim (and socat) and wait until *our* simulator answers. @param {boolean} first */
  async launch(first) {
    let lastErr = /** @type {Error|null} */ (null);
    for (let attempt = 0; attempt < 5; attempt++) {
      if (this.port === 0) this.port = this.opts.port ?? (await pickUdpPort(this.host));
      if (this.consolePort === 0) this.consolePort = await pickTcpPort(this.host, this.port);
      await this.writeLanConf();
      await this.startSocat();
      // ipmi_sim binds with SO_REUSEADDR: another one on this port would
      // silently share it, so make sure nobody holds it right now.
      if ((await tryBindUdp(this.host, this.port)) === null) {
        lastErr = new Error(`UDP ${this.host}:${this.port} is already in use`);
        if (!first || this.opts.port) break;
        this.port = 0;
        this.killHelpers();
        continue;
      }
      try {
        await this.spawnSim();
        return;
      } catch (e) {
        lastErr = /** @type {Error} */ (e);
        this.killSync(false);
        const log = this.stderrTail.text;
        if (/console socket/.test(log)) {
          this.consolePort = 0;
          continue;
        }
        if (/LAN|address already in use/i.test(log) && first && !this.opts.port) {
          this.port = 0;
          continue;
        }
        break;
      }
    }
    throw lastErr ?? new Error('ipmi_sim did not start');
  }

  async spawnSim() {
    const p = this.paths;
    this.stderrTail = new Tail(16384);
    this.stdoutTail = new Tail(65536);
    // No -n: ipmi_sim then reads commands from stdin and shuts down on EOF,
    // so it dies with the test process even if that is SIGKILLed.
    const child = spawn(IPMI_SIM, ['-c', p.lanConf, '-f', p.emu, '-s', p.persist], {
      cwd: this.stateDir,
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: this.stateDir, LANG: 'C', LC_ALL: 'C', TZ: 'UTC' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d) => this.stdoutTail.push(d));
    child.stderr?.on('data', (d) => this.stderrTail.push(d));
    child.stdin?.on('error', () => {});
    /** @type {Promise<string>} */
    const exited = new Promise((resolve) => {
      child.once('error', (e) => resolve(`could not run ${IPMI_SIM}: ${e.message}`));
      child.once('exit', (code, sig) => resolve(`ipmi_sim exited (${sig ?? `code ${code}`})`));
    });
    const client = await new Lan15Client(this.host, this.port).open();
    try {
      const deadline = Date.now() + (this.opts.startTimeoutMs ?? START_TIMEOUT_MS);
      /** @type {Buffer|null} */
      let guid = null;
      let why = '';
      while (!guid) {
        const r = await Promise.race([
          probe(client).then(
            (g) => ({ g }),
            (e) => ({ e: /** @type {Error} */ (e) }),
          ),
          exited.then((m) => ({ dead: m })),
        ]);
        if ('g' in r) guid = r.g;
        else if ('dead' in r) throw new Error(`${r.dead} before answering on ${this.host}:${this.port}\n${this.diagnostics()}`);
        else why = r.e.message;
        if (!guid && Date.now() > deadline) {
          throw new Error(
            `ipmi_sim did not answer on ${this.host}:${this.port} within ${this.opts.startTimeoutMs ?? START_TIMEOUT_MS} ms (${why})\n${this.diagnostics()}`,
          );
        }
      }
      if (guid.toString('hex') !== this.guidWireHex) {
        throw new Error(`another IPMI simulator answers on ${this.host}:${this.port} (GUID ${guid.toString('hex')}, ours ${this.guidWireHex})`);
      }
      // The command file is echoed to stdout before the "> " prompt: wait for
      // the prompt so that no "**" error line is missed.
      const promptBy = Date.now() + 1000;
      while (!this.stdoutTail.text.includes('> ') && Date.now() < promptBy) await sleep(5);
      const emuErrors = this.stdoutTail.text.split(/\r?\n\r?/).filter((l) => l.startsWith('**'));
      if (emuErrors.length) throw new Error(`emulation command file errors:\n${emuErrors.join('\n')}\n${this.diagnostics()}`);
      if (this.sol) await this.sol.waitForConnection(3000);
    } finally {
      client.close();
    }
  }

  diagnostics() {
    const err = this.stderrTail.text.trim();
    const out = this.stdoutTail.text
      .split(/\r?\n\r?/)
      .filter((l) => l.startsWith('**'))
      .join('\n');
    return `ipmi_sim stderr: ${err || '(empty)'}${out ? `\nipmi_sim console errors:\n${out}` : ''}`;
  }

  /**
   * Open an IPMI v1.5 session (auth type NONE) as the admin user and run fn.
   * @template T @param {(c: Lan15Client) => Promise<T>} fn @returns {Promise<T>}
   */
  async withSession(fn) {
    const c = await new Lan15Client(this.host, this.port).open();
    try {
      await c.activate(this.admin.name);
      try {
        return await fn(c);
      } finally {
        await c.closeSession().catch(() => {});
      }
    } finally {
      c.close();
    }
  }

  /** Set the SEL (and SDR repository) clock. @param {Lan15Client} c @param {number} t */
  static async setClock(c, t) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(t >>> 0, 0);
    const r = await c.request(0x0a, 0x49, [...b]);
    if (r.cc !== 0) throw new Error(`Set SEL Time failed: cc 0x${r.cc.toString(16)}`);
    const s = await c.request(0x0a, 0x29, [...b]);
    if (s.cc !== 0) throw new Error(`Set SDR Repository Time failed: cc 0x${s.cc.toString(16)}`);
  }

  /** Write the SEL seed: for each entry set the clock, then Add SEL Entry. */
  async seedSel() {
    await this.withSession(async (c) => {
      for (const e of content.SEL_SEED) {
        const b = Buffer.alloc(4);
        b.writeUInt32LE(content.SEL_BASE_TIME + e.time, 0);
        const r = await c.request(0x0a, 0x49, [...b]);
        if (r.cc !== 0) throw new Error(`Set SEL Time failed: cc 0x${r.cc.toString(16)}`);
        const a = await c.request(0x0a, 0x44, [0x00, 0x00, e.type, ...e.data], { tries: 1, timeoutMs: 1000 });
        if (a.cc !== 0) throw new Error(`Add SEL Entry (${e.note}) failed: cc 0x${a.cc.toString(16)}`);
      }
      await SimInstance.setClock(c, Math.floor(Date.now() / 1000));
    });
  }

  async syncClock() {
    await this.withSession((c) => SimInstance.setClock(c, Math.floor(Date.now() / 1000)));
  }

  // --- public API --------------------------------------------------------

  get pid() {
    return this.alive() ? this.child?.pid : undefined;
  }

  alive() {
    const c = this.child;
    return !!c && c.exitCode === null && c.signalCode === null;
  }

  /** @param {string} cmd */
  console(cmd) {
    if (/[\r\n]/.test(cmd)) return Promise.reject(new Error('console(): one command per call'));
    const run = this.consoleQueue.then(() => this.#consoleRun(cmd));
    this.consoleQueue = run.catch(() => {});
    return run;
  }

  async #consoleConnect() {
    if (this.consoleSock && !this.consoleSock.destroyed) return this.consoleSock;
    const s = net.connect({ host: this.host, port: this.consolePort });
    s.setNoDelay(true);
    await new Promise((resolve, reject) => {
      s.once('connect', resolve);
      s.once('error', reject);
    });
    s.on('error', () => {});
    this.consoleSock = s;
    await this.#consoleRead(s); // initial prompt
    s.write('noecho\n');
    await this.#consoleRead(s);
    return s;
  }

  /** Read until the "> " prompt; returns the text before it. @param {net.Socket} s @returns {Promise<string>} */
  #consoleRead(s) {
    return new Promise((resolve, reject) => {
      let buf = Buffer.alloc(0);
      const t = setTimeout(() => {
        cleanup();
        reject(new Error(`simulator console: no prompt; got ${JSON.stringify(buf.toString('latin1'))}`));
      }, 5000);
      const onData = (/** @type {Buffer} */ d) => {
        buf = Buffer.concat([buf, d]);
        // drop telnet negotiation (IAC x y)
        const clean = [];
        for (let i = 0; i < buf.length; i++) {
          if (buf[i] === 0xff) {
            i += 2;
            continue;
          }
          clean.push(buf[i] ?? 0);
        }
        const text = Buffer.from(clean).toString('latin1');
        if (text.endsWith('> ')) {
          cleanup();
          resolve(text.slice(0, -2));
        }
      };
      const onClose = () => {
        cleanup();
        reject(new Error(`simulator console closed${this.alive() ? '' : ' (ipmi_sim is not running)'}`));
      };
      const cleanup = () => {
        clearTimeout(t);
        s.off('data', onData);
        s.off('close', onClose);
      };
      s.on('data', onData);
      s.on('close', onClose);
    });
  }

  /** @param {string} cmd */
  async #consoleRun(cmd) {
    if (!this.alive()) throw new Error('simulator console: ipmi_sim is not running');
    const s = await this.#consoleConnect();
    s.write(cmd + '\n');
    const raw = await this.#consoleRead(s);
    const text = raw.replace(/\n\r/g, '\n').replace(/\r/g, '').replace(/^\n+/, '').replace(/\n+$/, '');
    const errs = text.split('\n').filter((l) => l.startsWith('**'));
    if (errs.length) throw new Error(`simulator console "${cmd}": ${errs.join('; ')}`);
    return text;
  }

  closeConsole() {
    if (this.consoleSock) {
      this.consoleSock.destroy();
      this.consoleSock = null;
    }
  }

  async restart() {
    if (this.stopped) throw new Error('restart() after stop()');
    this.closeConsole();
    // ipmi_sim writes changed users to its state dir on its 1 s tick: give
    // it one before stopping it so user changes survive the restart.
    if (this.alive()) await sleep(1100);
    await this.terminate();
    this.killHelpers();
    await this.launch(false);
    try {
      await this.syncClock();
    } catch (e) {
      this.warnings.push(`restart: could not set the SEL clock: ${/** @type {Error} */ (e).message}`);
    }
  }

  /** SIGTERM ipmi_sim, SIGKILL after 2 s. */
  async terminate() {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    const t = setTimeout(() => c.kill('SIGKILL'), 2000);
    await gone;
    clearTimeout(t);
  }

  killHelpers() {
    const s = this.socat;
    if (s && s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
    this.socat = null;
    this.removeLock();
  }

  removeLock() {
    if (!this.solPty) return;
    const lock = path.join('/var/lock', `LCK..${path.basename(this.solPty)}`);
    try {
      fs.rmSync(lock, { force: true });
    } catch {
      /* not ours / not there */
    }
  }

  /** Synchronous kill for the process exit hook. @param {boolean} [removeDir] */
  killSync(removeDir = true) {
    this.closeConsole();
    const c = this.child;
    if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    this.killHelpers();
    if (removeDir) {
      live.delete(this);
      try {
        fs.rmSync(this.stateDir, { recursive: true, force: true });
      } catch {
        /* ignore */
      }
    }
  }

  async stop() {
    if (this.stopped) return;
    this.stopped = true;
    this.closeConsole();
    await this.terminate();
    this.killHelpers();
    if (this.sol) await this.sol.close();
    live.delete(this);
    await fsp.rm(this.stateDir, { recursive: true, force: true });
  }
}

/**
 * Start one simulator.  See simlib.d.mts / sim.ts for the API.
 * @param {SimOptions} [opts]
 */
export async function startSim(opts = {}) {
  const host = opts.host ?? DEFAULT_HOST;
  checkLoopback(host);
  if (opts.kg !== undefined && (opts.kg.length < 1 || opts.kg.length > 19 || /["\s\\]/.test(opts.kg))) {
    throw new Error('kg must be 1..19 printable ASCII characters without blanks, quotes or backslashes');
  }
  installExitHook();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ipmits-sim-'));
  const sim = new SimInstance(opts, dir);
  live.add(sim);
  try {
    await sim.init();
    await sim.launch(true);
    if (opts.seedSel !== false) await sim.seedSel();
    else await sim.syncClock();
  } catch (e) {
    sim.killSync();
    if (sim.sol) await sim.sol.close();
    throw e;
  }
  return sim;
}
