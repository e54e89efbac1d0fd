/** Command families, loaded lazily so `raw` never pays for the SDR tables. Order and wording follow ipmitool's list. */
import type { Family } from '../report.js';
import { own } from '../own.js';

export interface FamilyEntry {
  name: string;
  desc: string;
  load(): Promise<Family>;
  /** Long options after the command word that are not global ones are the family's own (global-options.ts). */
  ownOptions?: boolean;
}

export const families: readonly FamilyEntry[] = [
  { name: 'raw', desc: 'Send a RAW IPMI request and print response', load: () => import('../commands/raw/index.js') },
  { name: 'lan', desc: 'Configure LAN Channels', load: () => import('../commands/lan/index.js') },
  { name: 'chassis', desc: 'Get chassis status and set power state', load: () => import('../commands/chassis/index.js') },
  { name: 'power', desc: 'Shortcut to chassis power commands', load: () => import('../commands/power/index.js') },
  { name: 'event', desc: 'Send pre-defined events to MC', load: () => import('../commands/event/index.js') },
  { name: 'mc', desc: 'Management Controller status and global enables', load: () => import('../commands/mc/index.js') },
  { name: 'sdr', desc: 'Print Sensor Data Repository entries and readings', load: () => import('../commands/sdr/index.js') },
  { name: 'sensor', desc: 'Print detailed sensor information', load: () => import('../commands/sensor/index.js') },
  { name: 'fru', desc: 'Print built-in FRU and scan SDR for FRU locators', load: () => import('../commands/fru/index.js') },
  { name: 'sel', desc: 'Print System Event Log (SEL)', load: () => import('../commands/sel/index.js') },
  { name: 'pef', desc: 'Configure Platform Event Filtering (PEF)', load: () => import('../commands/pef/index.js') },
  { name: 'sol', desc: 'Configure and connect IPMIv2.0 Serial-over-LAN', load: () => import('../commands/sol/index.js') },
  { name: 'user', desc: 'Configure Management Controller users', load: () => import('../commands/user/index.js') },
  { name: 'channel', desc: 'Configure Management Controller channels', load: () => import('../commands/channel/index.js') },
  { name: 'session', desc: 'Print session information', load: () => import('../commands/session/index.js') },
  { name: 'dcmi', desc: 'Data Center Management Interface', load: () => import('../commands/dcmi/index.js') },
  { name: 'shell', desc: 'Launch interactive IPMI shell', load: () => import('../commands/shell/index.js') },
  { name: 'exec', desc: 'Run list of commands from file', load: () => import('../commands/exec/index.js') },
  { name: 'set', desc: 'Set runtime variable for shell and exec', load: () => import('../commands/set/index.js') },
  // ipmits additions.
  {
    name: 'exporter',
    desc: 'Prometheus exporter (ipmi_exporter compatible)',
    load: () => import('../commands/exporter/index.js'),
    ownOptions: true,
  },
  { name: 'watchdog', desc: 'Run a BMC watchdog daemon (arm, kick until stopped)', load: () => import('../commands/watchdog/index.js'), ownOptions: true },
  { name: 'completion', desc: 'Print a shell completion script (bash, zsh, fish)', load: () => import('../commands/completion/index.js') },
];

/** Commands ipmitool accepts but does not list. */
export const hiddenFamilies: readonly FamilyEntry[] = [
  { name: 'echo', desc: '', load: () => import('../commands/echo/index.js') },
  // The completion scripts' helper: words from local caches (SDR cache, inventory), never the BMC.
  { name: '__complete', desc: '', load: () => import('../commands/completion/helper.js') },
];

/** Hidden names ipmitool also accepts. */
export const aliases: Readonly<Record<string, string>> = { bmc: 'mc' };

/** ipmitool commands ipmits does not implement (named so the error says so). */
export const foreignCommands: readonly string[] = [
  'i2c',
  'spd',
  'gendev',
  'tsol',
  'isol',
  'nm',
  'sunoem',
  'kontronoem',
  'picmg',
  'fwum',
  'firewall',
  'delloem',
  'hpm',
  'ekanalyzer',
  'ime',
  'vita',
  'lan6',
];

export function findFamily(name: string): FamilyEntry | undefined {
  const n = own(aliases, name) ?? name;
  return families.find((f) => f.name === n) ?? hiddenFamilies.find((f) => f.name === n);
}
