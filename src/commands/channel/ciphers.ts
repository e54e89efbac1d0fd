/**
 * `channel getciphers <ipmi|sol> [channel]`: Get Channel Cipher Suites (IPMI v2.0 §22.15), list
 * index 0.. while the BMC fills all 16 bytes. Every suite is listed (ipmitool 1.8.19 stops at 12).
 */
import { HelpRequest } from '../../errors.js';
import { getChannelCipherSuites, parseCipherSuiteRecords, type CipherSuiteRecord } from '../../ipmi/cmds/app/get-channel-cipher-suites.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import type { Context } from '../../runtime/context.js';
import { invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { parseChannelNumber } from '../shared/channel-args.js';
import { CHANNEL_USAGE } from './usage.js';

export interface CiphersReport {
  payload: 'ipmi' | 'sol';
  channel: number;
  suites: CipherSuiteRecord[];
}

/** §22.15: 16 bytes of record data per reply; list index 0-3Fh. */
const CHUNK = 16;
const MAX_INDEX = 0x40;

export async function getCiphers(ctx: Context, args: string[]): Promise<Report<CiphersReport>> {
  if (args.length < 1 || args.length > 2 || (args[0] !== 'ipmi' && args[0] !== 'sol')) throw new HelpRequest(CHANNEL_USAGE, true);
  const payload = args[0];
  const channel = args.length === 2 ? parseChannelNumber(args[1]!) : 0x0e;
  const chunks: Buffer[] = [];
  for (let index = 0; index < MAX_INDEX; index++) {
    const c = await invoke(
      ctx,
      getChannelCipherSuites,
      { channel, payloadType: payload === 'ipmi' ? 0 : 1, index },
      {
        failed: (_d, cc) => `Get Channel Cipher Suites failed: ${describeCompletionCode(cc)}`,
        noResponse: 'Unable to Get Channel Cipher Suites',
      },
    );
    chunks.push(c.records);
    if (c.records.length !== CHUNK) break;
  }
  return report('channel.getciphers', { payload, channel, suites: parseCipherSuiteRecords(Buffer.concat(chunks)) });
}
