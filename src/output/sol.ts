/** sol: ipmitool 1.8.19's text (lib/ipmi_sol.c), the console's own lines, and the --json documents (docs/json.md). */
import type { SolConfig } from '../commands/sol/config.js';
import type { SolPayload } from '../commands/sol/payload.js';
import type { SolSessionEnd } from '../commands/sol/activate.js';
import type { SolLooptest } from '../commands/sol/looptest.js';
import { solBanner } from '../sol/escape.js';
import { privilegeLimitName, privilegeNames } from '../spec/privilege.js';
import { defineRenderers } from './types.js';
import { unknownValue } from '../format/c-printf.js';

const SET_IN_PROGRESS = ['set-complete', 'set-in-progress', 'commit-write'];
const BIT_RATE: Readonly<Record<number, string>> = { 0: 'IPMI-Over-Serial-Setting', 6: '9.6', 7: '19.2', 8: '38.4', 9: '57.6', 10: '115.2' };
// val2str() of ipmi_set_in_progress_vals: its table ends at a 0 entry, so values past it are "Unknown".
const setInProgress = (v: number): string => SET_IN_PROGRESS[v & 0x03] ?? unknownValue(v & 0x03);
const bitRate = (v: number): string => BIT_RATE[v] ?? unknownValue(v);
const tf = (b: boolean): string => (b ? 'true' : 'false');

function infoText(c: SolConfig): string {
  return [
    `Set in progress                 : ${setInProgress(c.setInProgress)}`,
    `Enabled                         : ${tf(c.enabled)}`,
    `Force Encryption                : ${tf(c.forceEncryption)}`,
    `Force Authentication            : ${tf(c.forceAuthentication)}`,
    `Privilege Level                 : ${privilegeLimitName(c.privilegeLevel)}`,
    `Character Accumulate Level (ms) : ${c.characterAccumulateLevel * 5}`,
    `Character Send Threshold        : ${c.characterSendThreshold}`,
    `Retry Count                     : ${c.retryCount}`,
    `Retry Interval (ms)             : ${c.retryInterval * 10}`,
    `Volatile Bit Rate (kbps)        : ${bitRate(c.volatileBitRate)}`,
    `Non-Volatile Bit Rate (kbps)    : ${bitRate(c.nonVolatileBitRate)}`,
    `Payload Channel                 : ${c.payloadChannel} (0x${c.payloadChannel.toString(16).padStart(2, '0')})`,
    `Payload Port                    : ${c.payloadPort}`,
    '',
  ].join('\n');
}

function infoCsv(c: SolConfig): string {
  // Sic: ipmitool prints Force Encryption in the Force Authentication column too.
  return `${[
    setInProgress(c.setInProgress),
    tf(c.enabled),
    tf(c.forceEncryption),
    tf(c.forceEncryption),
    privilegeLimitName(c.privilegeLevel),
    c.characterAccumulateLevel * 5,
    c.characterSendThreshold,
    c.retryCount,
    c.retryInterval * 10,
    bitRate(c.volatileBitRate),
    bitRate(c.nonVolatileBitRate),
    c.payloadChannel,
    c.payloadPort,
  ].join(',')}\n`;
}

function infoJson(c: SolConfig): unknown {
  const has = (p: number): boolean => !c.unsupported.includes(p);
  const val = <T>(p: number, v: T): T | null => (has(p) ? v : null);
  return {
    channel: c.channel,
    setInProgress: val(0, setInProgress(c.setInProgress)),
    enabled: val(1, c.enabled),
    forceEncryption: val(2, c.forceEncryption),
    forceAuthentication: val(2, c.forceAuthentication),
    privilegeLevel: val(2, privilegeNames[c.privilegeLevel] ?? null),
    privilegeLevelCode: val(2, c.privilegeLevel),
    characterAccumulateLevelMs: val(3, c.characterAccumulateLevel * 5),
    characterSendThreshold: val(3, c.characterSendThreshold),
    retryCount: val(4, c.retryCount),
    retryIntervalMs: val(4, c.retryInterval * 10),
    nonVolatileBitRate: val(5, BIT_RATE[c.nonVolatileBitRate] ?? null),
    volatileBitRate: val(6, BIT_RATE[c.volatileBitRate] ?? null),
    payloadChannel: c.payloadChannel,
    payloadPort: c.payloadPort,
    unsupportedParameters: c.unsupported,
  };
}

function looptestText(d: SolLooptest): string {
  let s = '';
  for (const it of d.iterations) {
    s += `remain loop test counter: ${it.counter}\n`;
    if (it.ok) s += solBanner(d.escapeChar);
  }
  if (d.failed) s += 'SOL looptest failed: -1\n';
  return s;
}

export const renderers = defineRenderers({
  'sol.info': { text: infoText, csv: infoCsv, json: infoJson },
  'sol.set': { text: () => '' },
  'sol.payload': { text: (d: SolPayload) => (d.action === 'status' ? `User ${d.userId} on channel ${d.channel} is ${d.enabled ? 'en' : 'dis'}abled\n` : '') },
  'sol.deactivate': { text: () => '' },
  'sol.activate': { text: () => '', json: (d: SolSessionEnd) => d },
  'sol.looptest': { text: looptestText },
});
