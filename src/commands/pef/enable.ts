/**
 * `pef filter enable|disable <id>` (Event Filter Table Data 1, parameter 7: bit 7 of the
 * configuration byte) and `pef policy enable|disable <id>` (Alert Policy Table, parameter 9: bit 3
 * of the policy byte), IPMI v2.0 §30.3 Table 30-6. The entry is read, the one bit changed and
 * written back (ipmitool 1.8.19 writes a zero configuration byte first for filters, which also
 * clears the "pre-configured" type).
 */
import { CommandError, UsageError } from '../../errors.js';
import { parseU8 } from '../../runtime/numbers.js';
import { PefParam } from '../../ipmi/cmds/sensor/get-pef-configuration-parameters.js';
import { setPefConfigurationParameters } from '../../ipmi/cmds/sensor/set-pef-configuration-parameters.js';
import type { Context } from '../../runtime/context.js';
import { evalInvoke, orSay } from '../shared/ccode-wording.js';
import { report, type Report } from '../../report.js';
import { pefParam } from './config.js';
import { policyTableSize } from './info.js';
import { PEF_FILTER_USAGE, PEF_POLICY_USAGE } from './usage.js';

export interface PefToggle {
  table: 'filter' | 'policy';
  id: number;
  enabled: boolean;
}

function parseId(args: string[], table: 'filter' | 'policy'): number {
  if (args.length !== 1) throw new UsageError('Not enough arguments given.', table === 'filter' ? PEF_FILTER_USAGE : PEF_POLICY_USAGE);
  const id = parseU8(args[0]!);
  if (table === 'filter') {
    if (id === undefined) throw new UsageError(`Invalid PEF Event Filter ID given: ${args[0]}`);
    if (id < 1) throw new UsageError('PEF Event Filter ID out of range. Valid range is <1..255>.');
  } else {
    if (id === undefined) throw new UsageError(`Invalid PEF Policy ID given: ${args[0]}`);
    if (id < 1 || id > 127) throw new UsageError('PEF Policy ID out of range. Valid range is <1..127>.');
  }
  return id;
}

export async function toggleFilter(ctx: Context, args: string[], enable: boolean): Promise<Report<PefToggle>> {
  const id = parseId(args, 'filter');
  const size = (await pefParam(ctx, PefParam.EventFilterCount, 0, 2))[0]! & 0x7f;
  if (size === 0) throw new CommandError("PEF Filter isn't supported.", 'unsupported');
  if (id > size) throw new CommandError(`PEF Filter ID out of range. Valid range is (1..${size}).`, 'out-of-range');
  const cfg = (await pefParam(ctx, PefParam.EventFilterTableData1, id, 3))[1]!;
  const next = enable ? cfg | 0x80 : cfg & 0x7f;
  await orSay(
    () => evalInvoke(ctx, setPefConfigurationParameters, { param: PefParam.EventFilterTableData1, data: Uint8Array.of(id, next) }),
    `Failed to ${enable ? 'enable' : 'disable'} PEF Filter ID ${id}.`,
  );
  return report('pef.toggle', { table: 'filter', id, enabled: enable });
}

export async function togglePolicy(ctx: Context, args: string[], enable: boolean): Promise<Report<PefToggle>> {
  const id = parseId(args, 'policy');
  const size = await policyTableSize(ctx);
  if (size === 0) throw new CommandError("PEF Policy isn't supported.", 'unsupported');
  if (id > size) throw new CommandError(`PEF Policy ID out of range. Valid range is (1..${size}).`, 'out-of-range');
  const e = await pefParam(ctx, PefParam.AlertPolicyTable, id, 5);
  const entry = Buffer.from(e);
  entry[1] = enable ? entry[1]! | 0x08 : entry[1]! & 0xf7;
  await orSay(
    () => evalInvoke(ctx, setPefConfigurationParameters, { param: PefParam.AlertPolicyTable, data: entry }),
    `Failed to ${enable ? 'enable' : 'disable'} PEF Policy ID ${id}.`,
  );
  return report('pef.toggle', { table: 'policy', id, enabled: enable });
}
