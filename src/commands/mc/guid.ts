/** `mc guid [auto|smbios|ipmi|rfc4122|rfc|dump]`: Get System GUID (IPMI v2.0 §22.14), decoded as ipmitool does. */
import { UsageError } from '../../errors.js';
import { getSystemGuid } from '../../ipmi/cmds/app/get-system-guid.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { noMoreArgs } from './args.js';
import { colon, invoke } from '../shared/invoke.js';
import { parseGuid, type GuidMode, type ParsedGuid } from './guid-decode.js';

export const MODES: Readonly<Record<string, GuidMode>> = {
  auto: 'auto',
  smbios: 'smbios',
  ipmi: 'ipmi',
  rfc4122: 'rfc4122',
  rfc: 'rfc4122',
  dump: 'dump',
};

export async function guid(ctx: Context, args: string[]): Promise<Report<ParsedGuid>> {
  const [word, ...rest] = args;
  const mode = word === undefined ? 'auto' : Object.hasOwn(MODES, word) ? MODES[word] : undefined;
  if (mode === undefined) throw new UsageError(`Invalid mc/bmc guid mode: ${word} (use auto, smbios, ipmi, rfc4122 or dump)`);
  noMoreArgs(rest, `mc guid ${word}`);
  const raw = await invoke(ctx, getSystemGuid, undefined, {
    failed: colon('IPMI command failed'),
    noResponse: 'IPMI response is NULL.',
  });
  return report('mc.guid', parseGuid(raw, mode, ctx.deps.clock.now()));
}
