/**
 * ipmitool's global options (getopt "I:46hVvcgsEKYao:H:d:P:f:U:p:C:L:A:t:T:m:z:S:l:b:B:e:k:y:O:R:N:D:Z")
 * plus ipmits' long options, parsed into a typed GlobalOptions by a small table (option-table.ts:
 * commander 14's grammar, checked against commander itself in option-table.test.ts).
 * Options may follow the command, later occurrences override earlier ones, and
 * every bad value is a UsageError worded as ipmitool words it.
 */
import { UsageError } from '../errors.js';
import { authTypeFromName } from '../protocol/auth-type.js';
import { parseCNumber, parseRange, parseU16, parseU8 } from '../runtime/numbers.js';
import { WORKAROUNDS, parseWorkarounds } from '../runtime/workarounds.js';
import type { Workaround } from '../session/workarounds.js';
import { findFamily } from './registry.js';
import { VALUE_FLAGS } from './value-flags.js';
import { OptionTable } from './option-table.js';
import { defaultOptions, type FleetOptions, type GlobalOptions, isInterfaceName, type OutputFormat } from '../runtime/options.js';
import { privilegeFromName } from '../spec/privilege.js';

export type ParsedArgv = { kind: 'run'; options: GlobalOptions; command: string[] } | { kind: 'help' } | { kind: 'version' };

/** Keys ipmitool knows but ipmits does not implement (serial, usb, imb, free, dummy interfaces). */
const FOREIGN_INTERFACES: readonly string[] = ['imb', 'free', 'serial-terminal', 'serial-basic', 'dummy', 'usb'];

function invalid(flag: string): never {
  throw new UsageError(`Invalid parameter given or out of range for '-${flag}'.`);
}

function byte(flag: string) {
  return (v: string): number => parseU8(v) ?? invalid(flag);
}

export function parseGlobalOptions(argv: readonly string[]): ParsedArgv {
  const s = newOptionState();
  const p = globalOptionTable(s);
  const operands = p.parse(protectNegativeNumbers(argv, p.longFlags));
  if (s.help) return { kind: 'help' };
  if (s.version) return { kind: 'version' };
  return { kind: 'run', options: s.o, command: operands.map(restoreNegative) };
}

/** What the option functions fill in. */
export interface OptionState {
  o: GlobalOptions;
  help: boolean;
  version: boolean;
  /** Position among the secret options, so prompts come in the order given (as with getopt). */
  order: number;
}

export function newOptionState(): OptionState {
  return { o: defaultOptions(), help: false, version: false, order: 0 };
}

/** ipmitool's global options and ipmits' long ones, each with the function that takes its value into `s`. */
export function globalOptionTable(s: OptionState): OptionTable {
  const o = s.o;
  return (
    new OptionTable()
      .option('-h', 'help', () => void (s.help = true))
      .option('--help', 'help', () => void (s.help = true))
      .option('-V', 'version', () => void (s.version = true))
      .option('--version', 'version', () => void (s.version = true))
      .option('-v', 'verbose', () => void o.verbose++)
      .option('-c', 'csv', () => void (o.csv = true))
      .option('-d <N>', 'device', (v) => {
        const n = parseCNumber(v);
        if (n === undefined) invalid('d');
        if (n < 0) throw new UsageError(`Device number ${n} is out of range.`);
        o.devnum = n;
      })
      .option('-I <intf>', 'interface', (v) => {
        if (isInterfaceName(v)) o.interface = v;
        else if (FOREIGN_INTERFACES.includes(v)) throw new UsageError(`Interface ${v} is not supported by ipmits`, undefined, 'interface');
        else throw new UsageError(`Error loading interface ${v}`, undefined, 'interface'); // ipmitool's words
      })
      .option('-H <host>', 'host', (v) => void (o.host = v))
      .option('-p <port>', 'port', (v) => {
        const n = parseCNumber(v);
        if (n === undefined) invalid('p');
        // ipmitool lets 0 through and then fails to reach the BMC; no datagram can go to port 0.
        if (n <= 0 || n > 65535) throw new UsageError(`Port number ${n} is out of range.`);
        o.port = n;
      })
      .option('-U <user>', 'user', (v) => {
        if (Buffer.byteLength(v) > 16) throw new UsageError('Username is too long (> 16 bytes)');
        o.username = v;
      })
      .option('-P <password>', 'password', (v) => void o.passwordSources.push({ kind: 'arg', value: v, order: s.order++ }))
      .option('-f <file>', 'password file', (v) => void o.passwordSources.push({ kind: 'file', path: v, order: s.order++ }))
      .option('-a', 'prompt password', () => void o.passwordSources.push({ kind: 'prompt', order: s.order++ }))
      .option('-E', 'env password', () => void o.passwordSources.push({ kind: 'env', order: s.order++ }))
      .option('-k <key>', 'kg', (v) => void o.kgSources.push({ kind: 'text', value: v, order: s.order++ }))
      .option('-K', 'kg env', () => void o.kgSources.push({ kind: 'env', order: s.order++ }))
      .option('-y <hex>', 'kg hex', (v) => void o.kgSources.push({ kind: 'hex', bytes: parseKgHex(v), order: s.order++ }))
      .option('-Y', 'kg prompt', () => void o.kgSources.push({ kind: 'prompt', order: s.order++ }))
      .option('-L <level>', 'privilege', (v) => {
        let name = v;
        o.nameOnlyLookup = true;
        if (name.endsWith('+')) {
          o.nameOnlyLookup = false;
          name = name.slice(0, -1);
        }
        const level = privilegeFromName(name);
        if (level === undefined) o.privilegeInvalid = name;
        else {
          o.privilege = level;
          delete o.privilegeInvalid;
        }
      })
      .option('-A <authtype>', 'auth type', (v) => {
        const t = authTypeFromName(v);
        if (t === undefined) o.authTypeInvalid = v;
        else {
          o.authType = t;
          delete o.authTypeInvalid;
        }
      })
      .option('-C <suite>', 'cipher suite', (v) => {
        const n = parseU8(v);
        if (n === undefined) throw new UsageError("Invalid parameter given or out of range [0-255] for '-C'.");
        o.cipherSuite = n;
      })
      .option('-N <seconds>', 'timeout', (v) => void (o.timeoutSec = parseRange(v, 0, 0xffffffff) ?? invalid('N')))
      .option('-R <retries>', 'retries', (v) => void (o.retries = parseRange(v, 0, 0x7fffffff) ?? invalid('R')))
      .option('-e <char>', 'escape', (v) => void (o.escapeChar = v.charAt(0)))
      .option('-o <oem>', 'oem', (v) => {
        if (v === 'list' || v === 'help') throw new UsageError('ipmits supports no OEM types (-o)', undefined, 'unsupported-option');
        o.oem = v;
      })
      .option('-g', 'intelwv2', () => void (o.oem = 'intelwv2'))
      .option('-s', 'supermicro', () => void (o.oem = 'supermicro'))
      .option('-O <file>', 'sel oem', (v) => void (o.selOemFile = v))
      .option('-S <file>', 'sdr cache', (v) => void (o.sdrCacheFile = v))
      .option('-t <addr>', 'target', (v) => void (o.targetAddr = byte('t')(v)))
      .option('-b <chan>', 'target channel', (v) => void (o.targetChannel = byte('b')(v)))
      .option('-T <addr>', 'transit', (v) => void (o.transitAddr = byte('T')(v)))
      .option('-B <chan>', 'transit channel', (v) => void (o.transitChannel = byte('B')(v)))
      .option('-m <addr>', 'local address', (v) => void (o.localAddr = byte('m')(v)))
      .option('-l <lun>', 'lun', (v) => void (o.lun = byte('l')(v)))
      .option('-z <size>', 'buffer size', (v) => void (parseU16(v) ?? invalid('z')))
      .option('-D <tty>', 'serial device', () => {
        throw new UsageError('Serial interfaces (-D) are not supported by ipmits', undefined, 'interface');
      })
      .option('-4', 'ipv4', () => setFamily(o, 4))
      .option('-6', 'ipv6', () => setFamily(o, 6))
      .option('-Z', 'utc', () => void (o.utc = true))
      .option('-W <workarounds>', 'workarounds', (v) => void (o.workarounds = workaroundsOf(v, o.workarounds)))
      .option('--json', 'json output', () => void (o.format = 'json'))
      .option('--table', 'table output', () => void (o.format = 'table'))
      .option('--format <format>', 'output format', (v) => void (o.format = parseFormat(v)))
      .option('--timeout <seconds>', 'overall deadline', (v) => {
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0) throw new UsageError(`Invalid value for --timeout: ${v} (seconds, greater than 0)`);
        o.deadlineSec = n;
      })
      .option('--no-cache', 'do not use the SDR cache', () => void (o.cache = false))
      .option('--force', 'take over (sol activate)', () => void (o.force = true))
      .option('--color', 'force colour', () => void (o.color = true))
      .option('--no-color', 'no colour', () => void (o.color = false))
      // Runs over a hostrange (-H bmc[1-64]): src/cli/fleet.ts.
      .option('--fanout <N>', 'hosts at once', (v) => void (fleet(o).fanout = positive('--fanout', v, true)))
      .option('--rate <N>', 'host starts per second', (v) => void (fleet(o).rate = positive('--rate', v.replace(/\/s$/, ''), false)))
      .option('--deadline <seconds>', 'whole-run deadline', (v) => void (fleet(o).deadlineSec = positive('--deadline', v, false)))
      .option('--gather', 'group identical outputs', () => void (fleet(o).gather = true))
      .option('--yes', 'no confirmation', () => void (fleet(o).yes = true))
      .option('--inventory <file>', 'inventory file', (v) => void (fleet(o).inventory = v))
  );
}

export { VALUE_FLAGS };
export const VALUE_LONG = new Set(['--format', '--timeout', '--fanout', '--rate', '--deadline', '--inventory']);
const NEGATIVE = /^-\d+(\.\d*)?$/;
const MARK = '\u0000neg:';

/**
 * After the command word, "-5" is a value (a negative threshold), not an option:
 * hide such tokens from commander and restore them afterwards, order kept. So is a long
 * option that is not a global one after the command word of a family with options of its own
 * (`watchdog run --countdown 60`, registry.ts ownOptions).
 */
function protectNegativeNumbers(argv: readonly string[], known: ReadonlySet<string>): string[] {
  const out = [...argv];
  let inCommand = false;
  let ownOptions = false;
  for (let i = 0; i < out.length; i++) {
    const a = out[i]!;
    if (a === '--') break;
    if (inCommand) {
      if (NEGATIVE.test(a) || (ownOptions && a.startsWith('--') && !known.has(a.split('=')[0]!))) out[i] = MARK + a;
      else if (a.startsWith('--') && VALUE_LONG.has(a)) i++;
      else if (/^-[^-]/.test(a) && VALUE_FLAGS.has(a[a.length - 1]!) && !NEGATIVE.test(a)) i++;
      continue;
    }
    if (a.startsWith('--')) {
      if (VALUE_LONG.has(a)) i++;
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        if (VALUE_FLAGS.has(a[j]!)) {
          if (j === a.length - 1) i++;
          break;
        }
      }
    } else {
      inCommand = true;
      ownOptions = findFamily(a)?.ownOptions === true;
    }
  }
  return out;
}

function restoreNegative(a: string): string {
  return a.startsWith(MARK) ? a.slice(MARK.length) : a;
}

function fleet(o: GlobalOptions): FleetOptions {
  o.fleet ??= {};
  return o.fleet;
}

/** --fanout, --rate, --deadline: a number greater than 0 (a whole one for --fanout). */
function positive(flag: string, v: string, whole: boolean): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n))) {
    throw new UsageError(`Invalid value for ${flag}: ${v} (${whole ? 'a whole number' : 'a number'} greater than 0)`);
  }
  return n;
}

/** -W a,b: FreeIPMI's workaround names; an unknown one is a usage error naming the known ones. */
function workaroundsOf(v: string, before: Set<Workaround> | undefined): Set<Workaround> {
  const r = parseWorkarounds(v, before);
  if ('unknown' in r) throw new UsageError(`Unknown workaround '${r.unknown}' for -W (known: ${Object.keys(WORKAROUNDS).join(', ')})`);
  return r.set;
}

function setFamily(o: GlobalOptions, f: 4 | 6): void {
  const other = f === 4 ? 6 : 4;
  if (o.family === f) throw new UsageError(`Multiple -${f} parameters given.`);
  if (o.family === other) throw new UsageError(`Parameter is mutually exclusive with -${other}.`);
  o.family = f;
}

export const FORMATS: readonly OutputFormat[] = ['text', 'csv', 'json', 'table', 'prometheus'];

function parseFormat(v: string): OutputFormat {
  if ((FORMATS as readonly string[]).includes(v)) return v as OutputFormat;
  throw new UsageError(`Invalid value for --format: ${v} (one of ${FORMATS.join(', ')})`);
}

/** ipmitool's ipmi_parse_hex rules for -y: even length, hex digits, at most 20 bytes. */
function parseKgHex(v: string): Buffer {
  if (v.length % 2) throw new UsageError('Number of Kg key characters is not even');
  if (!/^[0-9a-fA-F]*$/.test(v)) throw new UsageError('Kg key is not hexadecimal number');
  if (v.length / 2 > 20) throw new UsageError('Kg key is too long');
  return Buffer.from(v, 'hex');
}
