/** channel: ipmitool 1.8.19's text and -c (lib/ipmi_channel.c), and the --json documents (docs/json.md). */
import type { SetAccessReport, GetAccessReport, UserAccessEntry } from '../commands/channel/access.js';
import type { AuthCapReport } from '../commands/channel/authcap.js';
import type { CiphersReport } from '../commands/channel/ciphers.js';
import type { ChannelInfoReport } from '../commands/channel/info.js';
import type { SetKgReport } from '../commands/channel/setkg.js';
import type { ChannelAccess } from '../ipmi/cmds/app/get-channel-access.js';
import type { CipherSuiteRecord } from '../ipmi/cmds/app/get-channel-cipher-suites.js';
import {
  accessModeNames,
  authAlgorithmNames,
  authTypeBits,
  authTypeList,
  channelMediumNames,
  channelProtocolNames,
  confidentialityAlgorithmNames,
  integrityAlgorithmNames,
  sessionSupportNames,
  userEnableStatusNames,
} from '../spec/channel.js';
import { privilegeLimitName } from '../spec/privilege.js';
import { defineRenderers } from './types.js';
import { unknownValue } from '../format/c-printf.js';

const named = (table: Readonly<Record<number, string>>, v: number): string => table[v] ?? unknownValue(v);
const abled = (disabled: boolean): string => (disabled ? 'disabled' : 'enabled');

function accessText(title: string, a: ChannelAccess): string {
  return (
    `  ${title}\n` +
    `    Alerting            : ${abled(a.alertingDisabled)}\n` +
    `    Per-message Auth    : ${abled(a.perMessageAuthDisabled)}\n` +
    `    User Level Auth     : ${abled(a.userLevelAuthDisabled)}\n` +
    `    Access Mode         : ${accessModeNames[a.accessMode] ?? 'unknown'}\n`
  );
}

function infoText(d: ChannelInfoReport): string {
  const i = d.info;
  let s =
    `Channel 0x${i.channel.toString(16)} info:\n` +
    `  Channel Medium Type   : ${named(channelMediumNames, i.medium)}\n` +
    `  Channel Protocol Type : ${named(channelProtocolNames, i.protocol)}\n` +
    `  Session Support       : ${sessionSupportNames[i.sessionSupport] ?? 'unknown'}\n` +
    `  Active Session Count  : ${i.activeSessions}\n` +
    `  Protocol Vendor ID    : ${i.vendorId}\n`;
  if (d.volatile) s += accessText('Volatile(active) Settings', d.volatile);
  if (d.nonVolatile) s += accessText('Non-Volatile Settings', d.nonVolatile);
  return s;
}

const accessJson = (a: ChannelAccess | undefined): unknown =>
  a
    ? {
        alerting: !a.alertingDisabled,
        perMessageAuth: !a.perMessageAuthDisabled,
        userLevelAuth: !a.userLevelAuthDisabled,
        accessMode: accessModeNames[a.accessMode] ?? 'unknown',
        privilegeLimit: privilegeLimitName(a.privilegeLimit),
      }
    : null;

function authcapText(d: AuthCapReport): string {
  const c = d.caps;
  const l = [`Channel number             : ${c.channel}`, `IPMI v1.5  auth types      : ${authTypeList(c.authTypes)}`];
  if (c.v2ExtendedCapabilities) l.push(`KG status                  : ${c.kgNonZero ? 'non-zero' : 'default (all zeroes)'}`);
  l.push(
    `Per message authentication : ${abled(c.perMessageAuthDisabled)}`,
    `User level authentication  : ${abled(c.userLevelAuthDisabled)}`,
    `Non-null user names exist  : ${c.nonNullUsers ? 'yes' : 'no'}`,
    `Null user names exist      : ${c.nullUsers ? 'yes' : 'no'}`,
    `Anonymous login enabled    : ${c.anonymousLogin ? 'yes' : 'no'}`,
  );
  if (c.v2ExtendedCapabilities)
    l.push(`Channel supports IPMI v1.5 : ${c.supportsV15 ? 'yes' : 'no'}`, `Channel supports IPMI v2.0 : ${c.supportsV20 ? 'yes' : 'no'}`);
  if (c.authTypes & 0x20) l.push(`IANA Number for OEM        : ${c.oemId}`, `OEM Auxiliary Data         : 0x${c.oemAux.toString(16)}`);
  return `${l.join('\n')}\n`;
}

function userAccessText(u: UserAccessEntry, fixed: number): string {
  const a = u.access;
  return (
    '\n' +
    `User ID              : ${u.userId}\n` +
    `User Name            : ${u.name}\n` +
    `Fixed Name           : ${u.userId <= fixed ? 'Yes' : 'No'}\n` +
    `Access Available     : ${a.callbackOnly ? 'callback' : 'call-in / callback'}\n` +
    `Link Authentication  : ${a.linkAuth ? 'enabled' : 'disabled'}\n` +
    `IPMI Messaging       : ${a.ipmiMessaging ? 'enabled' : 'disabled'}\n` +
    `Privilege Level      : ${privilegeLimitName(a.privilegeLimit)}\n` +
    `Enable Status        : ${named(userEnableStatusNames, a.enableStatus)}\n`
  );
}

function getAccessText(d: GetAccessReport): string {
  const first = d.users[0];
  if (!first) return '';
  return (
    `Maximum User IDs     : ${first.access.maxUserIds}\nEnabled User IDs     : ${first.access.enabledUserIds}\n` +
    d.users.map((u) => userAccessText(u, u.access.fixedNameUserIds)).join('')
  );
}

/** The first algorithm of each kind (ipmitool reads one of each); none when the record has none. */
const alg = (list: number[], names: Readonly<Record<number, string>>): string => named(names, list[0] ?? 0);
const iana = (s: CipherSuiteRecord): string => (s.iana ? s.iana.toString(16).padStart(6, '0') : 'N/A');

function suiteCells(s: CipherSuiteRecord): [string, string, string, string, string] {
  return [String(s.id), iana(s), alg(s.auth, authAlgorithmNames), alg(s.integrity, integrityAlgorithmNames), alg(s.crypt, confidentialityAlgorithmNames)];
}

function ciphersText(d: CiphersReport): string {
  const rows = d.suites.map((s) => {
    const [id, i, a, n, c] = suiteCells(s);
    return `${id.padEnd(4)} ${i.padEnd(7)} ${a.padEnd(15)} ${n.padEnd(15)} ${c.padEnd(15)}\n`;
  });
  return `ID   IANA    Auth Alg        Integrity Alg   Confidentiality Alg\n${rows.join('')}`;
}

export const renderers = defineRenderers({
  'channel.info': {
    text: infoText,
    json: (d: ChannelInfoReport) => ({
      channel: d.info.channel,
      medium: named(channelMediumNames, d.info.medium),
      mediumCode: d.info.medium,
      protocol: named(channelProtocolNames, d.info.protocol),
      protocolCode: d.info.protocol,
      sessionSupport: sessionSupportNames[d.info.sessionSupport] ?? 'unknown',
      activeSessions: d.info.activeSessions,
      protocolVendorId: d.info.vendorId,
      volatile: accessJson(d.volatile),
      nonVolatile: accessJson(d.nonVolatile),
    }),
  },
  'channel.authcap': {
    text: authcapText,
    json: (d: AuthCapReport) => {
      const c = d.caps;
      return {
        channel: c.channel,
        authTypes: authTypeBits.filter((t) => c.authTypes & t.bit).map((t) => t.name),
        ipmiV2Data: c.v2ExtendedCapabilities,
        kgNonZero: c.v2ExtendedCapabilities ? c.kgNonZero : null,
        perMessageAuth: !c.perMessageAuthDisabled,
        userLevelAuth: !c.userLevelAuthDisabled,
        nonNullUsers: c.nonNullUsers,
        nullUsers: c.nullUsers,
        anonymousLogin: c.anonymousLogin,
        ipmiV15: c.v2ExtendedCapabilities ? c.supportsV15 : null,
        ipmiV20: c.v2ExtendedCapabilities ? c.supportsV20 : null,
        oemId: c.authTypes & 0x20 ? c.oemId : null,
        oemAux: c.authTypes & 0x20 ? c.oemAux : null,
      };
    },
  },
  'channel.getaccess': {
    text: getAccessText,
    json: (d: GetAccessReport) => ({
      channel: d.channel,
      maxUserIds: d.users[0]?.access.maxUserIds ?? null,
      enabledUserIds: d.users[0]?.access.enabledUserIds ?? null,
      users: d.users.map((u) => ({
        id: u.userId,
        name: u.name,
        fixedName: u.userId <= u.access.fixedNameUserIds,
        callin: !u.access.callbackOnly,
        linkAuth: u.access.linkAuth,
        ipmiMessaging: u.access.ipmiMessaging,
        privilegeLimit: privilegeLimitName(u.access.privilegeLimit),
        enableStatus: named(userEnableStatusNames, u.access.enableStatus),
      })),
    }),
  },
  'channel.setaccess': {
    text: (d: SetAccessReport) => `Set User Access (channel ${d.channel} id ${d.userId}) successful.\n`,
    json: (d: SetAccessReport) => ({ ...d, privilegeLimit: privilegeLimitName(d.privilegeLimit) }),
  },
  'channel.getciphers': {
    text: ciphersText,
    csv: (d: CiphersReport) => d.suites.map((s) => `${suiteCells(s).join(',')}\n`).join(''),
    json: (d: CiphersReport) => ({
      payload: d.payload,
      channel: d.channel,
      suites: d.suites.map((s) => {
        const [, i, a, n, c] = suiteCells(s);
        return { id: s.id, iana: i === 'N/A' ? null : s.iana, auth: a, integrity: n, confidentiality: c };
      }),
    }),
  },
  'channel.setkg': {
    text: (d: SetKgReport) => `Set Kg for channel ${d.channel} was successful.\n`,
    json: (d: SetKgReport) => ({ channel: d.channel, kgSet: true }),
  },
});
