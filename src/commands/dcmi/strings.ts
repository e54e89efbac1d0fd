/**
 * `dcmi asset_tag` and `dcmi get_mc_id_string`: the length first, then 16-byte chunks (DCMI v1.5
 * §6.4.2 Get Asset Tag, §6.4.6.1 Get Management Controller Identifier String).
 */
import { IpmiError, CommandError } from '../../errors.js';
import { getAssetTag } from '../../ipmi/cmds/group/get-asset-tag.js';
import { getMcIdString } from '../../ipmi/cmds/group/get-mc-id-string.js';
import type { IpmiCommand } from '../../ipmi/command.js';
import type { StringChunk } from '../../ipmi/cmds/group/get-asset-tag.js';
import type { Context } from '../../cli/context.js';
import { report, type Report } from '../report.js';
import { dcmiCall } from './call.js';

export interface DcmiString {
  which: 'asset_tag' | 'mc_id_string';
  value: string;
}

const CHUNK = 16;

async function readString(
  ctx: Context,
  cmd: IpmiCommand<{ offset: number; length: number }, StringChunk>,
  firstLength: number,
  accept: readonly number[],
): Promise<string> {
  const first = await dcmiCall(ctx, cmd, { offset: 0, length: firstLength });
  let left = first.value.total;
  let offset = 0;
  const parts: Buffer[] = [];
  while (left > 0) {
    const length = Math.min(CHUNK, left);
    const r = await dcmiCall(ctx, cmd, { offset, length }, accept);
    parts.push(r.value.bytes.subarray(0, length));
    offset += length;
    left -= length;
  }
  return Buffer.concat(parts).toString('latin1');
}

async function withLine<T>(fn: () => Promise<T>, line: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof IpmiError) || e.code === 'no-dcmi') throw e;
    throw new CommandError(line, e.code, [...e.preamble, e.message]);
  }
}

export async function assetTag(ctx: Context): Promise<Report<DcmiString>> {
  // 80h-83h on the chunks name the FRU encoding; ipmitool prints the bytes anyway.
  const value = await withLine(() => readString(ctx, getAssetTag, 0, [0x80, 0x81, 0x82, 0x83]), 'Error getting asset tag!');
  return report('dcmi.string', { which: 'asset_tag', value });
}

export async function mcIdString(ctx: Context): Promise<Report<DcmiString>> {
  const value = await withLine(() => readString(ctx, getMcIdString, 1, []), 'Error getting management controller identifier string!');
  return report('dcmi.string', { which: 'mc_id_string', value });
}
