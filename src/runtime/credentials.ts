/**
 * Password and Kg from -P, -f, -a, -E (IPMITOOL_PASSWORD then IPMI_PASSWORD),
 * -k, -y, -K (IPMI_KGKEY), -Y, with ipmitool's length limits. Nothing here is
 * ever printed.
 */
import { LocalError, UsageError } from '../errors.js';
import type { GlobalOptions, KgSource, PasswordSource } from './options.js';

export interface Credentials {
  password: Buffer;
  kg: Buffer; // 20 bytes, zero = none
}

export type Prompt = (prompt: string) => Promise<string | undefined>;

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
    else password = await passwordFrom(s as PasswordSource, env, prompt, o.deadlineSec);
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

async function passwordFrom(
  s: PasswordSource,
  env: Readonly<Record<string, string | undefined>>,
  prompt: Prompt,
  deadlineSec: number | undefined,
): Promise<string> {
  switch (s.kind) {
    case 'arg':
      return s.value;
    case 'file':
      // node:fs only for -f (~4 ms of CPU and ~4 MiB in the Bun executable).
      return (await import('./password-file.js')).readPassword(s.path, deadlineSec);
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
