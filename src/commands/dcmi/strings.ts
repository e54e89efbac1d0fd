/**
 * `dcmi asset_tag|get_mc_id_string` (the length first, then 16-byte chunks) and
 * `dcmi set_asset_tag|set_mc_id_string <string>` (16-byte chunks): DCMI v1.5 §6.4.2, §6.4.3
 * (asset tag), §6.4.6.1, §6.4.6.2 (management controller identifier string).
 */
import { CommandError, HelpRequest, IpmiError, UsageError } from '../../errors.js';
import { getAssetTag, type StringChunk } from '../../ipmi/cmds/group/get-asset-tag.js';
import { getMcIdString } from '../../ipmi/cmds/group/get-mc-id-string.js';
import { setAssetTag, type StringWrite } from '../../ipmi/cmds/group/set-asset-tag.js';
import { setMcIdString } from '../../ipmi/cmds/group/set-mc-id-string.js';
import type { IpmiCommand } from '../../ipmi/command.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { dcmiCall } from './call.js';
import { DCMI_USAGE } from './usage.js';

export interface DcmiString {
  which: 'asset_tag' | 'mc_id_string' | 'set_asset_tag' | 'set_mc_id_string';
  /** For the setters: the bytes written (the identifier string with its terminating NUL, as ipmitool writes and prints it). */
  value: string;
}

/** DCMI v1.5 §6.4.3 and §6.4.6.2: at most 64 bytes, written 16 at a time. */
const MAX_STRING = 64;

async function writeString(ctx: Context, cmd: IpmiCommand<StringWrite, { total: number }>, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    await dcmiCall(ctx, cmd, { offset, bytes: bytes.subarray(offset, offset + CHUNK) });
  }
}

export async function setString(ctx: Context, which: 'set_asset_tag' | 'set_mc_id_string', args: string[]): Promise<Report<DcmiString>> {
  if (args.length < 1) throw new HelpRequest(DCMI_USAGE, true);
  // The identifier string is written with its terminating NUL (ipmitool does the same).
  const bytes = Buffer.concat([Buffer.from(args[0]!, 'latin1'), which === 'set_mc_id_string' ? Buffer.of(0) : Buffer.alloc(0)]);
  if (bytes.length > MAX_STRING) throw new UsageError(`Value is too long (> ${MAX_STRING} bytes).`);
  const line = which === 'set_asset_tag' ? 'Error setting asset tag!' : 'Error setting management controller identifier string!';
  await withLine(() => writeString(ctx, which === 'set_asset_tag' ? setAssetTag : setMcIdString, bytes), line);
  return report('dcmi.string', { which, value: bytes.toString('latin1') });
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
