/**
 * `pef policy list`: every Alert Policy Table entry (PEF parameter 9, IPMI v2.0 §17.11 Table 17-9),
 * the medium of its channel (Get Channel Info §22.24) and, for a LAN channel, the alert destination
 * (LAN parameters 17-20, §23.1), as ipmi_pef2_list_policies. Entries that cannot be read are skipped.
 */
import { CommandError, IpmiError } from '../../errors.js';
import { getChannelInfo } from '../../ipmi/cmds/app/get-channel-info.js';
import { PefParam } from '../../ipmi/cmds/sensor/get-pef-configuration-parameters.js';
import { getLanConfigurationParameters } from '../../ipmi/cmds/transport/get-lan-configuration-parameters.js';
import type { Context } from '../../runtime/context.js';
import { evalInvoke } from '../shared/ccode-wording.js';
import { report, type Report } from '../../report.js';
import { pefParam } from './config.js';
import { policyTableSize } from './info.js';
import { pefExchange } from './status.js';

export interface LanDestination {
  /** Destination type bits 2:0 (0 PET, 6 OEM 1, 7 OEM 2). */
  type?: number;
  community?: string;
  timeout?: number;
  retries?: number;
  ip?: string;
  mac?: string;
}

export interface PefPolicy {
  id: number;
  /** Byte 1 bits 7:4. */
  policySet: number;
  enabled: boolean;
  /** Byte 1 bits 2:0. */
  rule: number;
  eventSpecific: boolean;
  channel: number;
  medium: number;
  destination: number;
  lan?: LanDestination;
}

export interface PefPolicies {
  policies: PefPolicy[];
}

const recoverable = (e: unknown): e is IpmiError => e instanceof IpmiError && e.layer !== 'transport' && e.layer !== 'device';

/** ipmi_pef_print_lan_dest: stops at the first part that cannot be read (its error lines go to `notes`). */
async function lanDestination(ctx: Context, channel: number, dest: number, notes: string[]): Promise<LanDestination> {
  const out: LanDestination = {};
  const lan = (param: number, set: number, what: string) => pefExchange(ctx, getLanConfigurationParameters, { channel, param, set }, what);
  try {
    await lan(17, 0, 'Alert destination count');
    const t = await lan(18, dest, 'Alert destination type');
    if (t.data[0] !== dest) throw new CommandError(' **Error retrieving Alert destination type', 'mismatch');
    out.type = t.data[1]! & 0x07;
    if (out.type === 0) {
      try {
        const c = await lan(16, 0, 'PET community');
        out.community = c.data.subarray(0, 18).toString('latin1').split('\0')[0]!;
      } catch (e) {
        if (!recoverable(e)) throw e;
        notes.push(...e.preamble, e.message);
      }
    }
    out.timeout = t.data[2] ?? 0;
    out.retries = (t.data[3] ?? 0) & 0x07;
    try {
      const a = await lan(19, dest, 'Alert destination info');
      if (a.data[0] !== dest) throw new CommandError(' **Error retrieving Alert destination info', 'mismatch');
      out.ip = [...a.data.subarray(3, 7)].join('.');
      out.mac = [...a.data.subarray(7, 13)].map((b) => b.toString(16).padStart(2, '0')).join(':');
    } catch (e) {
      if (!recoverable(e)) throw e;
      notes.push(...e.preamble, e.message);
    }
  } catch (e) {
    if (!recoverable(e)) throw e;
    notes.push(...e.preamble, e.message);
  }
  return out;
}

export async function policyList(ctx: Context): Promise<Report<PefPolicies>> {
  const size = await policyTableSize(ctx);
  if (size === 0) throw new CommandError("PEF Alert Policy isn't supported.", 'unsupported');
  const policies: PefPolicy[] = [];
  const notes: string[] = [];
  for (let id = 1; id <= size; id++) {
    let d: Buffer;
    try {
      d = await pefParam(ctx, PefParam.AlertPolicyTable, id & 0x7f, 5);
    } catch (e) {
      if (!recoverable(e)) throw e;
      notes.push(e.message);
      continue;
    }
    const channelNo = d[2]! >> 4;
    let info;
    try {
      info = await evalInvoke(ctx, getChannelInfo, { channel: channelNo });
    } catch (e) {
      if (!recoverable(e)) throw e;
      notes.push(e.message);
      continue;
    }
    const p: PefPolicy = {
      id: d[0]! & 0x7f,
      policySet: d[1]! >> 4,
      enabled: (d[1]! & 0x08) !== 0,
      rule: d[1]! & 0x07,
      eventSpecific: (d[3]! & 0x80) !== 0,
      channel: info.channel,
      medium: info.medium,
      destination: d[2]! & 0x0f,
    };
    if (info.medium === 4) p.lan = await lanDestination(ctx, info.channel, p.destination, notes);
    policies.push(p);
  }
  return report('pef.policy.list', { policies }, notes.length ? { notes } : {});
}
