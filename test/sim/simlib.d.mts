// Types of simlib.mjs and content.mjs (plain ESM shared with scripts/sim.mjs).
// The public contract (Sim, SimOptions, SimUser, SimSol) lives in sim.ts;
// startSim() in sim.ts checks at compile time that SimInstance satisfies it.
import type { ChildProcess } from 'node:child_process';
import type { Sim, SimOptions, SimSol, SimUser } from './sim.js';

export type { Sim, SimOptions, SimSol, SimUser };

// ---- content.mjs -----------------------------------------------------------

export const BMC_ADDR: number;
export const USERS: SimUser[];

export interface Thresholds {
  lnc?: number;
  lcr?: number;
  lnr?: number;
  unc?: number;
  ucr?: number;
  unr?: number;
}
export interface SensorDef {
  num: number;
  name: string;
  kind: 'full' | 'compact' | 'eventonly';
  entity: [number, number];
  type: number;
  evtype: number;
  unit?: number;
  format?: 'unsigned' | 'signed';
  m?: number;
  b?: number;
  bexp?: number;
  rexp?: number;
  raw?: number;
  nominal?: number;
  min?: number;
  max?: number;
  th?: Thresholds;
  hyst?: [number, number];
  states?: number[];
  stateMask?: number;
  scanning?: boolean;
}
export const SENSORS: SensorDef[];
export const FRU_LOCATOR: { id: number; name: string; entity: [number, number] };
export const MC_LOCATOR: { name: string; entity: [number, number] };
export function sensorSdr(s: SensorDef): number[];
export function mcLocatorSdr(): number[];
export function fruLocatorSdr(): number[];
export function allSdrs(): number[][];
export function renderEmu(o: { fru0Path: string; fru1Path: string; fruSize?: number; extraEmu?: string | undefined }): string;
export function renderLanConf(
  template: string,
  v: {
    name: string;
    host: string;
    port: number;
    consolePort: number;
    guidHex: string;
    kg?: string | undefined;
    chassisControl: string;
    lanConfig: string;
    solDevice?: string | undefined;
    users?: SimUser[];
    vmPort?: number | undefined;
  },
): string;

/** A FRU field: a string (8-bit ASCII/Latin-1), BCD plus, 6-bit packed ASCII or binary. */
export type FruFieldDef = string | { bcd: string } | { ascii6: string } | { binary: number[] };
export interface FruDef {
  internal: number[];
  chassis: { type: number; part: string; serial: string; extra: FruFieldDef[] };
  board: { date: Date; mfg: string; product: string; serial: string; part: string; fileId: string; extra: FruFieldDef[] };
  product: { mfg: string; name: string; part: string; version: string; serial: string; asset: string; fileId: string; extra: FruFieldDef[] };
  multi: Array<{ type: number; data: number[] }>;
}
export function buildFru(f: FruDef): Buffer;
export const FRU_SIZE: number;
export function fruImage(f: FruDef): Buffer;
export const FRU0: FruDef;
export const FRU1: FruDef;

export interface SelSeed {
  time: number;
  type: number;
  data: number[];
  note: string;
}
export const SEL_BASE_TIME: number;
export const SEL_SEED: SelSeed[];

// ---- simlib.mjs ------------------------------------------------------------

export class Lan15Client {
  constructor(host: string, port: number);
  host: string;
  port: number;
  sid: number;
  open(): Promise<this>;
  close(): void;
  request(netfn: number, cmd: number, data: number[], o?: { timeoutMs?: number; tries?: number; session?: boolean }): Promise<{ cc: number; data: Buffer }>;
  activate(user: string, priv?: number): Promise<void>;
  closeSession(): Promise<void>;
}

export class SolConsole implements SimSol {
  constructor(sockPath: string);
  readonly sockPath: string;
  mode: 'shell' | 'raw';
  connections: number;
  listen(): Promise<void>;
  received(): Buffer;
  text(): string;
  clear(): void;
  connected(): boolean;
  write(data: string | Uint8Array): void;
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  waitForConnection(timeoutMs?: number): Promise<true>;
  close(): Promise<void>;
}

export function bigOutput(n: number): string;

export class SimInstance {
  host: string;
  port: number;
  consolePort: number;
  stateDir: string;
  users: SimUser[];
  kg: string | undefined;
  guid: string;
  name: string;
  sol: SolConsole | undefined;
  solPty: string | undefined;
  warnings: string[];
  child: ChildProcess | null;
  readonly pid: number | undefined;
  socat: ChildProcess | null;
  readonly paths: {
    lanConf: string;
    emu: string;
    fru0: string;
    fru1: string;
    persist: string;
    power: string;
    bootdev: string;
    identify: string;
    chassisLog: string;
    lan: string;
    solSock: string;
  };
  console(cmd: string): Promise<string>;
  alive(): boolean;
  restart(): Promise<void>;
  stop(): Promise<void>;
  diagnostics(): string;
  withSession<T>(fn: (c: Lan15Client) => Promise<T>): Promise<T>;
  killSync(removeDir?: boolean): void;
}

export function startSim(opts?: SimOptions): Promise<SimInstance>;
