/**
 * The exporter's configuration: ipmi_exporter's YAML format (docs/configuration.md of
 * prometheus-community/ipmi_exporter; Debian's /etc/prometheus/ipmi_remote.yml), so an existing
 * file works unchanged:
 *
 *   modules:
 *     default:
 *       user: monitor
 *       pass: secret              # only in a file nobody else can read
 *       driver: LAN_2_0           # LAN (IPMI v1.5), LAN_2_0 (RMCP+), OPEN (/dev/ipmi0)
 *       privilege: user           # user, operator, admin
 *       timeout: 10000            # ms: the most one scrape of a target may take
 *       collectors: [bmc, ipmi, chassis, dcmi, sel, sm-lan-mode]
 *       exclude_sensor_ids: [2, 29]
 *
 * ipmits additions: `pass_file` (first line of a file), `pass_env` (an environment variable),
 * `cipher_suite`, `port`. ipmi_exporter keys that only make sense for FreeIPMI binaries
 * (`workaround_flags`, `custom_args`, `collector_cmd`) are accepted and ignored, with a note:
 * ipmits runs no child processes. Any other key is refused, as ipmi_exporter refuses it.
 *
 * A file that holds a password (`pass`) must not be readable by others; nor may a `pass_file`.
 * Every problem is one line (ConfigError) naming the file and the key.
 */
import { statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { LocalError } from '../errors.js';
import { readInputFile } from '../read-input.js';
import { strerror } from '../strerror.js';

export const COLLECTORS = ['ipmi', 'bmc', 'chassis', 'dcmi', 'sel', 'sm-lan-mode'] as const;
export type CollectorName = (typeof COLLECTORS)[number];
/** ipmi_exporter's default set when `collectors` is not given. */
export const DEFAULT_COLLECTORS: readonly CollectorName[] = ['bmc', 'ipmi', 'chassis', 'dcmi'];

export type Driver = 'LAN' | 'LAN_2_0' | 'OPEN';
const DRIVERS: readonly Driver[] = ['LAN', 'LAN_2_0', 'OPEN'];
/** IPMI privilege levels (IPMI v2.0 §6.8): user 2, operator 3, administrator 4. */
const PRIVILEGES: Readonly<Record<string, number>> = { user: 2, operator: 3, admin: 4 };

export interface Module {
  name: string;
  user: string;
  /** Resolved password bytes (latin1), empty when none. Never logged. */
  password: Buffer;
  driver: Driver;
  privilege: number;
  /** ms; undefined = bounded by the scrape deadline alone. */
  timeoutMs?: number;
  collectors: CollectorName[];
  excludeSensorIds: ReadonlySet<number>;
  cipherSuite?: number;
  port?: number;
  /** BMC key (Kg), from the inventory only; 20 bytes or fewer. Never logged. */
  kg?: Buffer;
}

export interface ExporterConfig {
  modules: ReadonlyMap<string, Module>;
  /** Non-fatal remarks (ignored keys), for the log. */
  notes: string[];
}

export class ConfigError extends LocalError {
  constructor(message: string) {
    super(message, 'config');
  }
}

const KNOWN = new Set(['user', 'pass', 'pass_file', 'pass_env', 'driver', 'privilege', 'timeout', 'collectors', 'exclude_sensor_ids', 'cipher_suite', 'port']);
const IGNORED = new Set(['workaround_flags', 'custom_args', 'collector_cmd']);

/** What the parser needs from the world (tests give a fake file system). */
export interface ConfigIo {
  read(path: string): Buffer;
  /** File mode bits, for the permission check. */
  mode(path: string): number;
  env: Readonly<Record<string, string | undefined>>;
}

export const fsConfigIo = (env: Readonly<Record<string, string | undefined>>): ConfigIo => ({
  read: (p) => readInputFile(p),
  mode: (p) => statSync(p).mode,
  env,
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadConfig(path: string, io: ConfigIo): ExporterConfig {
  let text: string;
  try {
    text = io.read(path).toString('utf8');
  } catch (e) {
    throw new ConfigError(`config ${path}: ${strerror(e)}`);
  }
  const cfg = parseConfig(text, path, io);
  if ([...cfg.modules.values()].some((m) => m.password.length > 0 && m.passwordInline)) requirePrivate(path, io, 'holds passwords');
  return { modules: new Map([...cfg.modules].map(([k, m]) => [k, stripInline(m)])), notes: cfg.notes };
}

type ParsedModule = Module & { passwordInline: boolean };

function stripInline(m: ParsedModule): Module {
  const { passwordInline: _unused, ...rest } = m;
  return rest;
}

function requirePrivate(path: string, io: ConfigIo, what: string): void {
  let mode: number;
  try {
    mode = io.mode(path);
  } catch (e) {
    throw new ConfigError(`config ${path}: ${strerror(e)}`);
  }
  if (mode & 0o004) {
    throw new ConfigError(`config ${path} ${what} and is readable by everyone (mode ${(mode & 0o777).toString(8).padStart(4, '0')}): chmod o-r ${path}`);
  }
}

/** Parse the YAML text (exported for tests); `path` only names the file in messages. */
export function parseConfig(text: string, path: string, io: ConfigIo): { modules: Map<string, ParsedModule>; notes: string[] } {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line;
    throw new ConfigError(`config ${path}${line ? `:${line}` : ''}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const root: unknown = doc.toJS();
  if (!isRecord(root)) throw new ConfigError(`config ${path}: expected a mapping with 'modules'`);
  for (const k of Object.keys(root)) if (k !== 'modules') throw new ConfigError(`config ${path}: unknown key '${k}'`);
  const mods = root.modules;
  if (!isRecord(mods) || Object.keys(mods).length === 0) throw new ConfigError(`config ${path}: 'modules' must map module names to settings`);
  const notes: string[] = [];
  const modules = new Map<string, ParsedModule>();
  for (const [name, raw] of Object.entries(mods)) modules.set(name, parseModule(name, raw ?? {}, `config ${path}: modules.${name}`, io, notes));
  return { modules, notes };
}

function parseModule(name: string, raw: unknown, where: string, io: ConfigIo, notes: string[]): ParsedModule {
  if (!isRecord(raw)) throw new ConfigError(`${where}: expected a mapping`);
  for (const k of Object.keys(raw)) {
    if (IGNORED.has(k)) notes.push(`${where}.${k} ignored: ipmits reads the BMC itself and runs no FreeIPMI commands`);
    else if (!KNOWN.has(k)) throw new ConfigError(`${where}: unknown key '${k}'`);
  }
  const str = (k: string): string | undefined => {
    const v = raw[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') throw new ConfigError(`${where}.${k}: expected a string`);
    return String(v);
  };
  const int = (k: string, min: number, max: number): number | undefined => {
    const v = raw[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new ConfigError(`${where}.${k}: expected an integer from ${min} to ${max}`);
    return v;
  };
  const driverText = (str('driver') ?? 'LAN_2_0').toUpperCase();
  if (!DRIVERS.includes(driverText as Driver)) throw new ConfigError(`${where}.driver: '${driverText}' is not one of ${DRIVERS.join(', ')}`);
  const driver = driverText as Driver;
  const privText = (str('privilege') ?? 'operator').toLowerCase();
  const privilege = PRIVILEGES[privText];
  if (privilege === undefined) throw new ConfigError(`${where}.privilege: '${privText}' is not one of user, operator, admin`);

  const collectors = parseCollectors(raw.collectors, where);
  const excludeSensorIds = new Set<number>();
  if (raw.exclude_sensor_ids !== undefined && raw.exclude_sensor_ids !== null) {
    if (!Array.isArray(raw.exclude_sensor_ids)) throw new ConfigError(`${where}.exclude_sensor_ids: expected a list of sensor IDs`);
    for (const v of raw.exclude_sensor_ids) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff)
        throw new ConfigError(`${where}.exclude_sensor_ids: '${String(v)}' is not a sensor ID (0-65535)`);
      excludeSensorIds.add(v);
    }
  }

  const sources = ['pass', 'pass_file', 'pass_env'].filter((k) => raw[k] !== undefined && raw[k] !== null);
  if (sources.length > 1) throw new ConfigError(`${where}: give only one of pass, pass_file, pass_env`);
  let password = '';
  let passwordInline = false;
  if (sources[0] === 'pass') {
    password = str('pass')!;
    passwordInline = password.length > 0;
  } else if (sources[0] === 'pass_file') {
    const file = str('pass_file')!;
    requirePrivate(file, io, `(pass_file of module ${name}) holds a password`);
    let b: Buffer;
    try {
      b = io.read(file);
    } catch (e) {
      throw new ConfigError(`${where}.pass_file: ${file}: ${strerror(e)}`);
    }
    password = b.toString('latin1').split(/\r?\n/)[0]!;
  } else if (sources[0] === 'pass_env') {
    const v = str('pass_env')!;
    const value = io.env[v];
    if (value === undefined) throw new ConfigError(`${where}.pass_env: environment variable ${v} is not set`);
    password = value;
  }
  const pw = Buffer.from(password, 'latin1');
  const limit = driver === 'LAN' ? 16 : 20;
  if (pw.length > limit) throw new ConfigError(`${where}: the password is longer than ${limit} bytes (${driver})`);
  const user = str('user') ?? '';
  if (Buffer.byteLength(user, 'latin1') > 16) throw new ConfigError(`${where}.user: longer than 16 bytes`);

  const timeoutMs = int('timeout', 1, 3_600_000);
  const cipherSuite = int('cipher_suite', 0, 255);
  const port = int('port', 1, 65535);
  return {
    name,
    user,
    password: pw,
    passwordInline,
    driver,
    privilege,
    collectors,
    excludeSensorIds,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(cipherSuite !== undefined ? { cipherSuite } : {}),
    ...(port !== undefined ? { port } : {}),
  };
}

function parseCollectors(v: unknown, where: string): CollectorName[] {
  if (v === undefined || v === null) return [...DEFAULT_COLLECTORS];
  if (!Array.isArray(v)) throw new ConfigError(`${where}.collectors: expected a list`);
  const out: CollectorName[] = [];
  for (const c of v) {
    if (typeof c !== 'string' || !COLLECTORS.includes(c as CollectorName)) {
      throw new ConfigError(`${where}.collectors: '${String(c)}' is not one of ${COLLECTORS.join(', ')}`);
    }
    if (!out.includes(c as CollectorName)) out.push(c as CollectorName);
  }
  return out;
}

/** A module with no config file: the local BMC (/metrics) or a bare `--config`-less run. */
export function defaultModule(driver: Driver): Module {
  return { name: 'default', user: '', password: Buffer.alloc(0), driver, privilege: 4, collectors: [...DEFAULT_COLLECTORS], excludeSensorIds: new Set() };
}
