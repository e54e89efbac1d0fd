/** Tab completion in the interactive shell: family names, then the family's sub-commands (ipmitool's words). */
import { families } from '../../cli/registry.js';
import { own } from '../../own.js';

/** Sub-commands by family, as ipmitool 1.8.19's help texts list them. */
const VERBS: Readonly<Record<string, readonly string[]>> = {
  lan: ['print', 'set', 'alert', 'stats'],
  chassis: ['status', 'power', 'policy', 'restart_cause', 'poh', 'identify', 'selftest', 'bootdev', 'bootparam'],
  power: ['status', 'on', 'off', 'cycle', 'reset', 'diag', 'soft'],
  event: ['1', '2', '3', 'file'],
  mc: ['reset', 'guid', 'info', 'watchdog', 'selftest', 'getenables', 'setenables', 'getsysinfo', 'setsysinfo'],
  bmc: ['reset', 'guid', 'info', 'watchdog', 'selftest', 'getenables', 'setenables', 'getsysinfo', 'setsysinfo'],
  sdr: ['list', 'elist', 'type', 'info', 'get', 'dump', 'fill', 'entity'],
  sensor: ['list', 'thresh', 'get', 'reading'],
  fru: ['print', 'read', 'write', 'upgEkey', 'edit', 'internaluse'],
  sel: ['info', 'clear', 'delete', 'list', 'elist', 'get', 'add', 'save', 'writeraw', 'readraw', 'time'],
  pef: ['info', 'status', 'policy', 'list', 'filter'],
  sol: ['info', 'set', 'payload', 'activate', 'deactivate', 'looptest'],
  user: ['summary', 'list', 'set', 'disable', 'enable', 'priv', 'test'],
  channel: ['authcap', 'getaccess', 'setaccess', 'info', 'getciphers', 'setkg'],
  session: ['info'],
  dcmi: ['discover', 'power', 'sensors', 'asset_tag', 'get_mc_id_string', 'thermalpolicy', 'get_temp_reading', 'get_conf_param'],
  set: ['hostname', 'username', 'password', 'privlvl', 'authtype', 'localaddr', 'targetaddr', 'port', 'csv', 'verbose'],
};

/** Words the shell itself understands. */
const SHELL_WORDS = ['help', 'exit', 'quit'];

/** node:readline's completer: the candidates for the word being typed, and that word. */
export function complete(line: string): [string[], string] {
  const words = line.trimStart().split(/[ \t]+/);
  const current = words[words.length - 1] ?? '';
  let candidates: readonly string[] = [];
  if (words.length === 1) candidates = [...families.map((f) => f.name), ...SHELL_WORDS];
  else if (words.length === 2 && families.some((f) => f.name === words[0])) candidates = own(VERBS, words[0]!) ?? [];
  const hits = candidates.filter((c) => c.startsWith(current));
  // One candidate: complete the word and the space after it.
  return [hits.length === 1 ? [`${hits[0]} `] : hits, current];
}
