/**
 * Password and Kg from -P, -f, -a, -E (IPMITOOL_PASSWORD then IPMI_PASSWORD),
 * -k, -y, -K (IPMI_KGKEY), -Y, with ipmitool's length limits. Nothing here is
 * ever printed.
 */
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { LocalError, UsageError } from '../errors.js';
import { strerror } from '../strerror.js';
import { readInputFile } from '../read-input.js';
import type { GlobalOptions, KgSource, PasswordSource } from './options.js';

export interface Credentials {
  password: Buffer;
  kg: Buffer; // 20 bytes, zero = none
}

export type Prompt = (prompt: string) => Promise<string | undefined>;

/** ipmitool -f: first line, at most 20 bytes, cut at CR, LF or TAB; an empty file has no line to read. */
export function readPasswordFile(path: string): string {
  let text: Buffer;
  try {
    text = readInputFile(path);
  } catch (e) {
    throw new LocalError(`Unable to read password from file ${path}: ${strerror(e)}`, 'password-file');
  }
  return firstLineOf(path, text);
}

function firstLineOf(path: string, text: Buffer): string {
  if (text.length === 0) throw new LocalError(`Unable to read password from file ${path}`, 'password-file');
  const first = text.subarray(0, 20).toString('latin1');
  const cut = first.search(/[\r\n\t]/);
  return cut >= 0 ? first.slice(0, cut) : first;
}

/** How long -f waits for a FIFO's writer without --timeout. */
export const FIFO_WAIT_SEC = 30;

/**
 * -f on a FIFO (a named pipe): opening it for reading blocks until a writer comes, inside the C
 * library where neither --timeout nor a signal gets through. It is opened non-blocking instead and
 * polled until its first line (or its end) arrives, for at most `waitSec` (--timeout, else
 * FIFO_WAIT_SEC); then `Unable to read password from file F: no writer ...`, exit 6.
 */
async function readPasswordFifo(path: string, waitSec: number): Promise<string> {
  const fail = (why: string): LocalError => new LocalError(`Unable to read password from file ${path}: ${why}`, 'password-file');
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fail(strerror(e));
  }
  try {
    const chunks: Buffer[] = [];
    let writer = false;
    const end = Date.now() + waitSec * 1000;
    for (;;) {
      const buf = Buffer.alloc(256);
      let n = -1;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw fail(strerror(e));
        writer = true; // a writer holds it open, nothing written yet
      }
      if (n > 0) {
        writer = true;
        chunks.push(buf.subarray(0, n));
        const text = Buffer.concat(chunks);
        if (text.includes(0x0a) || text.length >= 4096) return firstLineOf(path, text);
        continue;
      }
      if (n === 0 && writer) return firstLineOf(path, Buffer.concat(chunks)); // written and closed
      if (Date.now() >= end) throw fail(`no writer on the FIFO within ${waitSec} s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    closeSync(fd);
  }
}

const isFifo = (path: string): boolean => {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false; // readPasswordFile words the failure
  }
};

export async function resolveCredentials(
  o: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  prompt: Prompt,
  iface: 'lan' | 'lanplus' | 'open',
): Promise<Credentials> {
  let password: string | undefined;
  let kg: Buffer = Buffer.alloc(20);
  // Sources in the order given, so -a and -Y prompt in that order (ipmitool reads them during getopt).
  const sources = [...o.passwordSources.map((s) => ({ s, kg: false })), ...o.kgSources.map((s) => ({ s, kg: true }))].sort((a, b) => a.s.order - b.s.order);
  for (const { s, kg: isKg } of sources) {
    if (isKg) kg = await kgFrom(s as KgSource, env, prompt);
    else password = await passwordFrom(s as PasswordSource, env, prompt, o.deadlineSec ?? FIFO_WAIT_SEC);
  }
  // ipmitool prompts when -H is given without a password, unless -A NONE.
  if (password === undefined && o.host !== undefined && o.authType !== 0 && iface !== 'open') {
    password = (await prompt('Password: ')) ?? '';
  }
  const pw = Buffer.from(password ?? '', 'latin1');
  if (iface === 'lan' && pw.length > 16) throw new UsageError('lan: password is longer than 16 bytes.');
  if (iface === 'lanplus' && pw.length > 20) throw new UsageError('lanplus: password is longer than 20 bytes.');
  return { password: pw, kg };
}

async function passwordFrom(s: PasswordSource, env: Readonly<Record<string, string | undefined>>, prompt: Prompt, fifoWaitSec: number): Promise<string> {
  switch (s.kind) {
    case 'arg':
      return s.value;
    case 'file':
      return isFifo(s.path) ? readPasswordFifo(s.path, fifoWaitSec) : readPasswordFile(s.path);
    case 'env': {
      const v = env.IPMITOOL_PASSWORD ?? env.IPMI_PASSWORD;
      if (v === undefined) throw new UsageError('Unable to read password from environment (IPMITOOL_PASSWORD and IPMI_PASSWORD are unset)');
      return v;
    }
    case 'prompt': {
      const v = await prompt('Password: ');
      if (v === undefined) throw new LocalError('Cannot prompt for a password: no terminal (use -P, -f or -E)', 'no-tty');
      return v;
    }
  }
}

async function kgFrom(s: KgSource, env: Readonly<Record<string, string | undefined>>, prompt: Prompt): Promise<Buffer> {
  let bytes: Buffer;
  if (s.kind === 'hex') bytes = s.bytes;
  else if (s.kind === 'text') bytes = Buffer.from(s.value, 'latin1');
  else if (s.kind === 'env') {
    const v = env.IPMI_KGKEY;
    if (v === undefined) throw new UsageError('Unable to read kgkey from environment (IPMI_KGKEY is unset)');
    bytes = Buffer.from(v, 'latin1');
  } else {
    const v = await prompt('Key: ');
    if (v === undefined) throw new LocalError('Cannot prompt for the Kg key: no terminal (use -k, -y or -K)', 'no-tty');
    bytes = Buffer.from(v, 'latin1');
  }
  if (bytes.length > 20) throw new UsageError('Kg key is too long');
  const kg = Buffer.alloc(20);
  bytes.copy(kg);
  return kg;
}
