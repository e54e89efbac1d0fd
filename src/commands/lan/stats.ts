/** `lan stats get|clear [channel]`: Get IP/UDP/RMCP Statistics (IPMI v2.0 §23.4). */
import { UsageError } from '../../errors.js';
import { parseU8 } from '../../runtime/numbers.js';
import { getIpUdpRmcpStatistics, type LanStatistics } from '../../ipmi/cmds/transport/get-ip-udp-rmcp-statistics.js';
import type { Context } from '../../runtime/context.js';
import { invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { findLanChannel, isLanChannel, notLan } from './channel.js';
import { LAN_USAGE } from './usage.js';

export interface LanStats {
  channel: number;
  statistics: LanStatistics;
}

export interface LanStatsCleared {
  channel: number;
  cleared: true;
}

export async function stats(ctx: Context, args: string[]): Promise<Report<LanStats | LanStatsCleared>> {
  const [op, chanArg, ...rest] = args;
  if (op === undefined) throw new UsageError('', LAN_USAGE);
  if (op !== 'get' && op !== 'clear') throw new UsageError('', LAN_USAGE);
  if (rest.length) throw new UsageError(`Unexpected argument for 'lan stats ${op}': ${rest[0]}`);
  let channel: number;
  let lines: string[] = [];
  if (chanArg !== undefined) {
    const v = parseU8(chanArg);
    if (v === undefined) throw new UsageError(`Invalid channel: ${chanArg}`);
    channel = v;
  } else {
    const found = await findLanChannel(ctx);
    channel = found.channel;
    lines = found.lines;
  }
  const check = await isLanChannel(ctx, channel);
  if (!check.ok)
    throw notLan(
      { lines: [...lines, ...check.lines], ...(check.error ? { error: check.error } : {}) },
      `Invalid channel: ${channel}`,
      chanArg === undefined || (channel >= 1 && channel <= 14),
    );
  const statistics = await invoke(
    ctx,
    getIpUdpRmcpStatistics,
    { channel, clear: op === 'clear' },
    { failed: 'Get LAN Stats command failed', noResponse: 'Get LAN Stats command failed' },
  );
  const notes = lines.length ? { notes: lines } : {};
  if (op === 'clear') return report('lan.stats.clear', { channel, cleared: true }, notes);
  return report('lan.stats.get', { channel, statistics }, notes);
}
