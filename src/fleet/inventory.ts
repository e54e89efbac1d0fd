/**
 * The inventory: per-host and per-group session settings in TOML, for fleet runs and the exporter.
 *
 *   user = "admin"                      # top-level keys: defaults for every host
 *   password_file = "/etc/ipmits/pw"    # or password_env = "VAR", password_prompt = true,
 *   interface = "lanplus"               #    password = "..." (then the file must be mode 0600)
 *   cipher_suite = 3
 *   [groups.rack1]
 *   hosts = "bmc[01-32].dc1"            # a hostrange or a list of them; usable as -H @group:rack1
 *   user = "ops"
 *   [hosts."bmc07.dc1"]                 # a host name or a hostrange
 *   port = 6230
 *   groups = ["gpu"]                    # further groups this host belongs to
 *
 * Settings: user, privilege, interface, cipher_suite, port; password_{file,env,prompt} or
 * password; kg_{file,env,prompt}, kg (text) or kg_hex. Later layers win: defaults, then groups
 * in file order, then host entries in file order.
 *
 * Looked up in `--inventory FILE`, `$XDG_CONFIG_HOME/ipmits/inventory.toml` (default
 * ~/.config), `/etc/ipmits/inventory.toml`. Like ssh with keys, a file holding a secret, and
 * any password or Kg file it names, must not be readable by group or others (and belongs to
 * the user or root), or it is refused. Every problem is one LocalError line (exit 6), raised
 * before anything is sent.
 *
 * API (also used by src/exporter): loadInventory(path, deps), hostSettings(inv, host),
 * groupHosts(inv, name), secretResolver(deps).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { LocalError } from '../errors.js';
import { readPasswordFile } from '../runtime/password-file.js';
import { INTERFACE_NAMES, type InterfaceName, isInterfaceName } from '../runtime/options.js';
import { privilegeFromName, sessionPrivilegeNames } from '../spec/privilege.js';
import { strerror } from '../strerror.js';
import { expandHostrange, type HostrangeDeps } from './hostrange.js';

export type SecretSource = { kind: 'literal'; value: string } | { kind: 'file'; path: string } | { kind: 'env'; name: string } | { kind: 'prompt' };

/** A Kg given as hex digits is bytes already; every other source gives text. */
export type KgSource = SecretSource | { kind: 'hex'; bytes: Buffer };

export interface HostSettings {
  user?: string;
  password?: SecretSource;
  kg?: KgSource;
  /** 1..5 (CALLBACK..OEM). */
  privilege?: number;
  interface?: InterfaceName;
  cipherSuite?: number;
  port?: number;
  /** Every group the host is in (group sections naming it, and its own `groups`). */
  groups: string[];
}

interface Section {
  where: string;
  settings: Omit<HostSettings, 'groups'>;
}

interface GroupSection extends Section {
  name: string;
  hosts: string[];
}

interface HostSection extends Section {
  hosts: string;
  groups: string[];
}

export interface Inventory {
  readonly path: string;
  readonly defaults: Section;
  readonly groups: readonly GroupSection[];
  readonly hosts: readonly HostSection[];
  /** Expanded hostranges of the sections, filled on first use. */
  readonly expanded: Map<string, Set<string>>;
}

export interface InventoryDeps {
  env: Readonly<Record<string, string | undefined>>;
  /** Default: fs.readFileSync as UTF-8. */
  readFile?(path: string): string;
  /** Default: fs.statSync; undefined when the file does not exist. */
  stat?(path: string): { mode: number; uid: number } | undefined;
  /** The user's uid (default process.getuid()); files must belong to it or to root. */
  uid?: number;
}

const SETTING_KEYS = [
  'user',
  'privilege',
  'interface',
  'cipher_suite',
  'port',
  'password',
  'password_file',
  'password_env',
  'password_prompt',
  'kg',
  'kg_hex',
  'kg_file',
  'kg_env',
  'kg_prompt',
];

function defaultStat(p: string): { mode: number; uid: number } | undefined {
  try {
    const s = fs.statSync(p);
    return { mode: s.mode, uid: s.uid };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LocalError(`Cannot read inventory ${p}: ${strerror(e)}`, 'inventory');
  }
}

/** Where the inventory is looked for when --inventory is not given, first found wins. */
export function inventoryPaths(env: Readonly<Record<string, string | undefined>>): string[] {
  const config = env.XDG_CONFIG_HOME || (env.HOME ? path.join(env.HOME, '.config') : undefined);
  return [...(config ? [path.join(config, 'ipmits', 'inventory.toml')] : []), '/etc/ipmits/inventory.toml'];
}

/**
 * Read and check the inventory: `file` (--inventory; must exist), else the first of
 * inventoryPaths() that exists, else undefined. Throws one LocalError line on any problem.
 */
export function loadInventory(file: string | undefined, deps: InventoryDeps): Inventory | undefined {
  const stat = deps.stat ?? defaultStat;
  let found: string | undefined;
  let st: { mode: number; uid: number } | undefined;
  if (file !== undefined) {
    st = stat(file);
    if (!st) throw new LocalError(`Cannot read inventory ${file}: No such file or directory`, 'inventory');
    found = file;
  } else {
    for (const p of inventoryPaths(deps.env)) {
      st = stat(p);
      if (st) {
        found = p;
        break;
      }
    }
    if (!found || !st) return undefined;
  }
  let text: string;
  try {
    text = (deps.readFile ?? ((p: string) => fs.readFileSync(p, 'utf8')))(found);
  } catch (e) {
    throw new LocalError(`Cannot read inventory ${found}: ${strerror(e)}`, 'inventory');
  }
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) throw new LocalError(`Inventory ${found}:${e.line}:${e.column}: ${tomlReason(e)}`, 'inventory');
    throw new LocalError(`Inventory ${found}: ${(e as Error).message}`, 'inventory');
  }
  const inv = build(found, doc);
  const secretAt = [inv.defaults, ...inv.groups, ...inv.hosts].find((s) => hasLiteral(s.settings));
  if (secretAt) checkPrivate(found, st, deps, `holds a secret (${secretAt.where})`);
  return inv;
}

function tomlReason(e: TomlError): string {
  const first = e.message.split('\n')[0] ?? 'not valid TOML';
  return first.replace(/^Invalid TOML document: /, '');
}

function hasLiteral(s: Section['settings']): boolean {
  return s.password?.kind === 'literal' || s.kg?.kind === 'literal' || s.kg?.kind === 'hex';
}

/** ssh's rule for private keys: no access for group or others, owned by the user or root. */
function checkPrivate(file: string, st: { mode: number; uid: number }, deps: InventoryDeps, why: string): void {
  const uid = deps.uid ?? process.getuid?.();
  if ((st.mode & 0o077) !== 0) {
    const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
    throw new LocalError(`${file} ${why} but is accessible by others (mode ${mode}); run: chmod 600 ${file}`, 'inventory-permissions');
  }
  if (uid !== undefined && st.uid !== uid && st.uid !== 0) {
    throw new LocalError(`${file} ${why} but belongs to uid ${st.uid}, not to you or root`, 'inventory-permissions');
  }
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function build(file: string, doc: Record<string, unknown>): Inventory {
  const top: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (k !== 'groups' && k !== 'hosts') top[k] = v;
  const defaults = { where: 'top level', settings: settingsOf(file, 'top level', top, []) };
  const groups: GroupSection[] = [];
  const hosts: HostSection[] = [];
  if (doc.groups !== undefined) {
    if (!isTable(doc.groups)) throw bad(file, 'groups', 'must be a table of [groups.NAME] sections');
    for (const [name, v] of Object.entries(doc.groups)) {
      const where = `[groups.${name}]`;
      if (!isTable(v)) throw bad(file, where, 'must be a table');
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw bad(file, where, 'a group name has only letters, digits, _ . -');
      const members = v.hosts === undefined ? [] : stringList(file, `${where} hosts`, v.hosts);
      groups.push({ name, where, hosts: members, settings: settingsOf(file, where, v, ['hosts']) });
    }
  }
  if (doc.hosts !== undefined) {
    if (!isTable(doc.hosts)) throw bad(file, 'hosts', 'must be a table of [hosts."NAME"] sections');
    for (const [name, v] of Object.entries(doc.hosts)) {
      const where = `[hosts."${name}"]`;
      if (!isTable(v)) throw bad(file, where, 'must be a table');
      const member = v.groups === undefined ? [] : stringList(file, `${where} groups`, v.groups);
      hosts.push({ hosts: name, where, groups: member, settings: settingsOf(file, where, v, ['groups']) });
    }
  }
  return { path: file, defaults, groups, hosts, expanded: new Map() };
}

function bad(file: string, where: string, what: string): LocalError {
  return new LocalError(`Inventory ${file}: ${where} ${what}`, 'inventory');
}

function stringList(file: string, where: string, v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw bad(file, where, 'must be a string or a list of strings');
}

function settingsOf(file: string, where: string, t: Record<string, unknown>, extra: readonly string[]): Section['settings'] {
  for (const k of Object.keys(t)) {
    if (!SETTING_KEYS.includes(k) && !extra.includes(k)) throw bad(file, where, `has an unknown key '${k}' (known: ${[...SETTING_KEYS, ...extra].join(', ')})`);
  }
  const str = (k: string): string | undefined => {
    const v = t[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') throw bad(file, where, `${k} must be a non-empty string`);
    return v;
  };
  const int = (k: string, min: number, max: number): number | undefined => {
    const v = t[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(file, where, `${k} must be a whole number from ${min} to ${max}`);
    return v;
  };
  const s: Section['settings'] = {};
  const user = t.user;
  if (user !== undefined) {
    if (typeof user !== 'string' || Buffer.byteLength(user) > 16) throw bad(file, where, 'user must be a string of at most 16 bytes');
    s.user = user;
  }
  const priv = str('privilege');
  if (priv !== undefined) {
    const level = privilegeFromName(priv);
    if (level === undefined) throw bad(file, where, `privilege '${priv}' is not one of ${sessionPrivilegeNames.join(', ')}`);
    s.privilege = level;
  }
  const iface = str('interface');
  if (iface !== undefined) {
    if (!isInterfaceName(iface)) throw bad(file, where, `interface '${iface}' is not one of ${INTERFACE_NAMES.join(', ')}`);
    s.interface = iface;
  }
  const suite = int('cipher_suite', 0, 255);
  if (suite !== undefined) s.cipherSuite = suite;
  const port = int('port', 1, 65535);
  if (port !== undefined) s.port = port;
  const dir = path.dirname(file);
  const pw = secretOf(file, where, t, 'password', dir);
  if (pw) s.password = pw;
  const kg = secretOf(file, where, t, 'kg', dir);
  const hex = str('kg_hex');
  if (hex !== undefined) {
    if (kg) throw bad(file, where, 'gives more than one Kg source (kg, kg_hex, kg_file, kg_env, kg_prompt)');
    if (!/^([0-9a-fA-F]{2}){1,20}$/.test(hex)) throw bad(file, where, 'kg_hex must be 1 to 20 bytes of hex digits');
    s.kg = { kind: 'hex', bytes: Buffer.from(hex, 'hex') };
  } else if (kg) s.kg = kg;
  return s;
}

/** password / password_file / password_env / password_prompt (and the kg_ ones): at most one. */
function secretOf(file: string, where: string, t: Record<string, unknown>, base: 'password' | 'kg', dir: string): SecretSource | undefined {
  const given = [base, `${base}_file`, `${base}_env`, `${base}_prompt`, ...(base === 'kg' ? ['kg_hex'] : [])].filter((k) => t[k] !== undefined);
  if (given.length > 1) throw bad(file, where, `gives more than one ${base} source (${given.join(', ')})`);
  const k = given[0];
  if (k === undefined || k === 'kg_hex') return undefined;
  const v = t[k];
  if (k.endsWith('_prompt')) {
    if (typeof v !== 'boolean') throw bad(file, where, `${k} must be true or false`);
    return v ? { kind: 'prompt' } : undefined;
  }
  if (typeof v !== 'string' || v === '') throw bad(file, where, `${k} must be a non-empty string`);
  if (k.endsWith('_file')) {
    const p = v.startsWith('~/') && process.env.HOME ? path.join(process.env.HOME, v.slice(2)) : path.resolve(dir, v);
    return { kind: 'file', path: p };
  }
  if (k.endsWith('_env')) return { kind: 'env', name: v };
  return { kind: 'literal', value: v };
}

function members(inv: Inventory, key: string, specs: readonly string[], deps: HostrangeDeps): Set<string> {
  let set = inv.expanded.get(key);
  if (!set) {
    set = new Set();
    for (const spec of specs) for (const t of expandHostrange(spec, deps)) set.add(t.label);
    inv.expanded.set(key, set);
  }
  return set;
}

function rangeDeps(inv: Inventory): HostrangeDeps {
  return {
    readFile: (p) => {
      try {
        return fs.readFileSync(path.resolve(path.dirname(inv.path), p), 'utf8');
      } catch (e) {
        throw new LocalError(`Inventory ${inv.path}: cannot read host file ${p}: ${strerror(e)}`, 'inventory');
      }
    },
    group: (name) => groupHosts(inv, name),
  };
}

/** `-H @group:NAME`: the group's hostranges (its `hosts` and the host entries naming it), or undefined. */
export function groupHosts(inv: Inventory, name: string): string[] | undefined {
  const g = inv.groups.find((x) => x.name === name);
  const tagged = inv.hosts.filter((h) => h.groups.includes(name)).map((h) => h.hosts);
  if (!g && tagged.length === 0) return undefined;
  return [...(g?.hosts ?? []), ...tagged];
}

/**
 * The settings for one host (its label as written in -H, e.g. `bmc1:6230`, or its name):
 * defaults, then each group holding it, then each host entry naming it.
 */
export function hostSettings(inv: Inventory, host: string | { label: string; host: string }): HostSettings {
  const names = typeof host === 'string' ? [host] : [host.label, host.host];
  const deps = rangeDeps(inv);
  const has = (set: Set<string>): boolean => names.some((n) => set.has(n));
  const hostEntries = inv.hosts.filter((h) => has(members(inv, `h:${h.hosts}`, [h.hosts], deps)));
  const tags = new Set(hostEntries.flatMap((h) => h.groups));
  const groups = inv.groups.filter((g) => tags.has(g.name) || has(members(inv, `g:${g.name}`, g.hosts, deps)));
  const out: HostSettings = { groups: [...new Set([...groups.map((g) => g.name), ...tags])] };
  for (const s of [inv.defaults, ...groups, ...hostEntries]) Object.assign(out, s.settings);
  return out;
}

export interface SecretDeps extends InventoryDeps {
  /** Asks on the terminal; undefined when there is none. */
  prompt(prompt: string): Promise<string | undefined>;
}

/**
 * Resolves secret sources, each distinct source once (a fleet prompts once, reads a password
 * file once). A password or Kg file must not be readable by group or others.
 */
export function secretResolver(deps: SecretDeps): (src: KgSource, what: 'password' | 'kg') => Promise<Buffer> {
  const cache = new Map<string, Promise<Buffer>>();
  const stat = deps.stat ?? defaultStat;
  const resolve = async (src: KgSource, what: 'password' | 'kg'): Promise<Buffer> => {
    switch (src.kind) {
      case 'hex':
        return src.bytes;
      case 'literal':
        return Buffer.from(src.value, 'latin1');
      case 'env': {
        const v = deps.env[src.name];
        if (v === undefined) throw new LocalError(`Inventory: ${what} variable ${src.name} is not set`, 'inventory');
        return Buffer.from(v, 'latin1');
      }
      case 'file': {
        const st = stat(src.path);
        if (st) checkPrivate(src.path, st, deps, `is a ${what} file`);
        return Buffer.from(readPasswordFile(src.path), 'latin1');
      }
      case 'prompt': {
        const v = await deps.prompt(what === 'kg' ? 'Key: ' : 'Password: ');
        if (v === undefined) throw new LocalError(`Cannot prompt for the ${what}: no terminal`, 'no-tty');
        return Buffer.from(v, 'latin1');
      }
    }
  };
  return (src, what) => {
    const key = `${what}\u0000${JSON.stringify(src)}`;
    let p = cache.get(key);
    if (!p) cache.set(key, (p = resolve(src, what)));
    return p;
  };
}
