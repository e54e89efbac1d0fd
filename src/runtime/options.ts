/**
 * The options one invocation runs with (the argv grammar in src/cli/global-options.ts fills them).
 */
import type { Workaround } from '../session/workarounds.js';

/** The interfaces ipmits speaks (-I, and an inventory's `interface`). */
export const INTERFACE_NAMES = ['lan', 'lanplus', 'open'] as const;
export type InterfaceName = (typeof INTERFACE_NAMES)[number];
export const isInterfaceName = (v: string): v is InterfaceName => (INTERFACE_NAMES as readonly string[]).includes(v);
export type OutputFormat = 'text' | 'csv' | 'json' | 'table' | 'prometheus';

/** Where the password comes from, in the order the options were given (last one wins). */
export type PasswordSource = ({ kind: 'arg'; value: string } | { kind: 'file'; path: string } | { kind: 'prompt' } | { kind: 'env' }) & { order: number };

export type KgSource = ({ kind: 'text'; value: string } | { kind: 'hex'; bytes: Buffer } | { kind: 'env' } | { kind: 'prompt' }) & { order: number };

export interface GlobalOptions {
  interface?: InterfaceName;
  host?: string;
  port: number;
  username: string;
  passwordSources: PasswordSource[];
  kgSources: KgSource[];
  /** 1..5; ADMINISTRATOR by default. */
  privilege: number;
  /** -L NAME that ipmitool rejects ("Invalid privilege level"). */
  privilegeInvalid?: string;
  nameOnlyLookup: boolean;
  authType?: number;
  authTypeInvalid?: string;
  cipherSuite?: number;
  /** -N seconds and -R tries; undefined = interface default. */
  timeoutSec?: number;
  retries?: number;
  verbose: number;
  csv: boolean;
  escapeChar: string;
  oem?: string;
  sdrCacheFile?: string;
  selOemFile?: string;
  targetAddr?: number;
  targetChannel?: number;
  transitAddr?: number;
  transitChannel?: number;
  localAddr?: number;
  lun?: number;
  devnum: number;
  family?: 4 | 6;
  utc: boolean;
  format: OutputFormat;
  /** --timeout: one deadline for the whole command. */
  deadlineSec?: number;
  cache: boolean;
  /** -W: workarounds for broken BMCs (src/session/workarounds.ts). */
  workarounds?: Set<Workaround>;
  force: boolean;
  color: boolean | undefined;
  /** Options of runs over a hostrange (src/cli/fleet.ts, docs/fleet.md); unset for one host. */
  fleet?: FleetOptions;
}

export interface FleetOptions {
  /** --fanout: hosts in flight at once. */
  fanout?: number;
  /** --rate: host starts per second. */
  rate?: number;
  /** --deadline: seconds for the whole run (--timeout is per host). */
  deadlineSec?: number;
  /** --gather: identical outputs grouped under the folded host set. */
  gather?: boolean;
  /** --yes: destructive verbs on several hosts without asking. */
  yes?: boolean;
  /** --inventory FILE. */
  inventory?: string;
}

/** ipmitool's defaults (what the command line starts from; a library user spreads its own values over them). */
export function defaultOptions(): GlobalOptions {
  return {
    port: 623,
    username: '',
    passwordSources: [],
    kgSources: [],
    privilege: 4,
    nameOnlyLookup: true,
    verbose: 0,
    csv: false,
    escapeChar: '~',
    devnum: 0,
    utc: false,
    format: 'text',
    cache: true,
    force: false,
    color: undefined,
  };
}
