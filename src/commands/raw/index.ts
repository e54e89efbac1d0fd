/** `raw <netfn> <cmd> [data...]`: one request, the reply bytes. */
import { CompletionCodeError, HelpRequest, UsageError } from '../../errors.js';
import { rawNetFnNames } from '../../ipmi/netfn.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import { parseU8 } from '../../runtime/numbers.js';
import { hexRows } from '../../ipmi/codec.js';
import type { Context } from '../../runtime/context.js';
import { noResponse } from '../shared/invoke.js';
import { report, type Outcome } from '../../report.js';

export const RAW_HELP = `RAW Commands:  raw <netfn> <cmd> [data]

Network Function Codes:

  VAL\tHEX\tSTRING
==============================================
${rawNetFnNames.map((n) => `  ${n.value}\t0x${n.value.toString(16).padStart(2, '0')}\t${n.name}\n`).join('')}
(can also use raw hex values)
`;

export interface RawReply {
  netFn: number;
  cmd: number;
  lun: number;
  request: Buffer;
  response: Buffer;
}

function byte(arg: string, label: string): number {
  const v = parseU8(arg);
  if (v === undefined) throw new UsageError(`Given ${label} "${arg}" is invalid.`);
  return v;
}

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  if (args.length === 1 && args[0] === 'help') throw new HelpRequest(RAW_HELP);
  if (args.length < 2) throw new UsageError('Not enough parameters given.', RAW_HELP);
  if (args.length > 256) throw new UsageError('Raw command input limit (256 bytes) exceeded');
  const named = rawNetFnNames.find((n) => n.name.toLowerCase() === args[0]!.toLowerCase());
  const netFn = named ? named.value : byte(args[0]!, 'netfn');
  const cmd = byte(args[1]!, 'command');
  const data = Buffer.from(args.slice(2).map((a) => byte(a, 'data')));
  const lun = ctx.options.lun ?? 0;
  const where = `channel=0x${(ctx.options.targetChannel ?? 0).toString(16)} netfn=0x${netFn.toString(16)} lun=0x${lun.toString(16)} cmd=0x${cmd.toString(16)}`;
  ctx.log.verbose(1, `RAW REQ (${where} data_len=${data.length})`);
  if (data.length) ctx.log.verbose(1, `RAW REQUEST (${data.length} bytes)\n${hexRows(data)}`);
  const client = await ctx.client();
  let r;
  try {
    r = await client.raw(netFn, cmd, data, lun);
  } catch (e) {
    throw noResponse(e, `Unable to send RAW command (${where})`);
  }
  if (r.cc !== 0) {
    const desc = describeCompletionCode(r.cc);
    throw new CompletionCodeError('raw', r.cc, desc, `Unable to send RAW command (${where} rsp=0x${r.cc.toString(16)}): ${desc}`);
  }
  ctx.log.verbose(1, `RAW RSP (${r.data.length} bytes)`);
  return report<RawReply>('raw.reply', { netFn, cmd, lun, request: data, response: r.data });
}
