/** lan: ipmitool 1.8.19's text (lib/ipmi_lanp.c; -c is ignored there), and the --json documents (docs/json.md). */
import type { AlertDestination, LanAlertSet, LanAlerts } from '../commands/lan/alert.js';
import type { LanConfig } from '../commands/lan/print.js';
import type { LanSet } from '../commands/lan/set.js';
import type { LanStats, LanStatsCleared } from '../commands/lan/stats.js';
import { ipString, macString } from '../format/address.js';
import { LAN_STATISTICS_FIELDS } from '../ipmi/cmds/transport/get-ip-udp-rmcp-statistics.js';
import { authTypeList } from '../spec/channel.js';
import { privilegeLimitName } from '../spec/privilege.js';
import { alertDestinationTypeName, cipherPrivilegeChar, ipSourceName, setInProgressNames } from '../spec/lan-parameters.js';
import { defineRenderers, type RenderOptions } from './types.js';
import { hex2 } from '../format/c-printf.js';

const label = (l: string): string => `${l.padEnd(24)}: `;
const X2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
const vlanIdOf = (b: Buffer): number => ((b[1]! & 0x0f) << 8) + b[0]!;
const vlanEnabled = (b: Buffer): boolean => (b[1]! & 0x80) !== 0;
/** ipmitool: (float)((x + 1) / 2) with integer division. */
const arpSeconds = (v: number): number => Math.trunc((v + 1) / 2);

const LEGEND = ['    X=Cipher Suite Unused', '    c=CALLBACK', '    u=USER', '    o=OPERATOR', '    a=ADMIN', '    O=OEM'];

function printText(c: LanConfig): string {
  const l: string[] = [];
  if (c.setInProgress !== undefined) l.push(label('Set in Progress') + setInProgressNames[c.setInProgress]);
  if (c.authTypeSupport !== undefined) l.push(label('Auth Type Support') + authTypeList(c.authTypeSupport));
  if (c.authTypeEnable) {
    const [cb, user, op, admin, oem] = c.authTypeEnable;
    l.push(`${label('Auth Type Enable')}Callback : ${authTypeList(cb!)}`);
    l.push(`${label('')}User     : ${authTypeList(user!)}`);
    l.push(`${label('')}Operator : ${authTypeList(op!)}`);
    l.push(`${label('')}Admin    : ${authTypeList(admin!)}`);
    l.push(`${label('')}OEM      : ${authTypeList(oem!)}`);
  }
  if (c.ipSource !== undefined) l.push(label('IP Address Source') + ipSourceName(c.ipSource));
  if (c.ipAddress) l.push(label('IP Address') + ipString(c.ipAddress));
  if (c.subnetMask) l.push(label('Subnet Mask') + ipString(c.subnetMask));
  if (c.macAddress) l.push(label('MAC Address') + macString(c.macAddress));
  if (c.snmpCommunity !== undefined) l.push(label('SNMP Community String') + c.snmpCommunity);
  if (c.ipHeader) {
    const h = c.ipHeader;
    l.push(`${label('IP Header')}TTL=0x${hex2(h[0]!)} Flags=0x${hex2(h[1]! & 0xe0)} Precedence=0x${hex2(h[2]! & 0xe0)} TOS=0x${hex2(h[2]! & 0x1e)}`);
  }
  if (c.arpControl !== undefined) {
    l.push(`${label('BMC ARP Control')}ARP Responses ${c.arpControl & 2 ? 'En' : 'Dis'}abled, Gratuitous ARP ${c.arpControl & 1 ? 'En' : 'Dis'}abled`);
  }
  if (c.gratuitousArpInterval !== undefined) l.push(`${label('Gratituous ARP Intrvl')}${arpSeconds(c.gratuitousArpInterval).toFixed(1)} seconds`);
  if (c.defaultGatewayIp) l.push(label('Default Gateway IP') + ipString(c.defaultGatewayIp));
  if (c.defaultGatewayMac) l.push(label('Default Gateway MAC') + macString(c.defaultGatewayMac));
  if (c.backupGatewayIp) l.push(label('Backup Gateway IP') + ipString(c.backupGatewayIp));
  if (c.backupGatewayMac) l.push(label('Backup Gateway MAC') + macString(c.backupGatewayMac));
  if (c.vlanId) l.push(label('802.1q VLAN ID') + (vlanEnabled(c.vlanId) ? String(vlanIdOf(c.vlanId)) : 'Disabled'));
  if (c.vlanPriority !== undefined) l.push(label('802.1q VLAN Priority') + c.vlanPriority);
  if (c.cipherSuites !== undefined) l.push(label('RMCP+ Cipher Suites') + (c.cipherSuites === null ? 'None' : c.cipherSuites.join(',')));
  if (c.cipherSuitePrivileges !== undefined) {
    if (c.cipherSuitePrivileges === null) l.push(`${label('Cipher Suite Priv Max')}Not Available`);
    else {
      l.push(label('Cipher Suite Priv Max') + c.cipherSuitePrivileges.map(cipherPrivilegeChar).join(''));
      for (const line of LEGEND) l.push(label('') + line);
    }
  }
  if (c.badPasswordThreshold !== undefined) {
    const b = c.badPasswordThreshold;
    if (b === null) l.push(`${label('Bad Password Threshold')}Not Available`);
    else {
      l.push(label('Bad Password Threshold') + b.threshold);
      l.push(label('Invalid password disable') + (b.generateEvent ? 'yes' : 'no'));
      l.push(label('Attempt Count Reset Int.') + b.resetInterval * 10);
      l.push(label('User Lockout Interval') + b.lockoutInterval * 10);
    }
  }
  return l.length ? `${l.join('\n')}\n` : '';
}

const AUTH_NAMES = ['NONE', 'MD2', 'MD5', '', 'PASSWORD', 'OEM'];
const authTypes = (bits: number): string[] => AUTH_NAMES.filter((n, i) => n && bits & (1 << i));
const opt = <T, R>(v: T | undefined | null, f: (x: T) => R): R | null => (v === undefined || v === null ? null : f(v));

function printJson(c: LanConfig): unknown {
  const e = c.authTypeEnable;
  return {
    channel: c.channel,
    setInProgress: opt(c.setInProgress, (v) => setInProgressNames[v]!.toLowerCase().replace(/ /g, '-')),
    authTypeSupport: opt(c.authTypeSupport, authTypes),
    authTypeEnable: e
      ? { callback: authTypes(e[0]!), user: authTypes(e[1]!), operator: authTypes(e[2]!), admin: authTypes(e[3]!), oem: authTypes(e[4]!) }
      : null,
    ipAddressSource: opt(c.ipSource, (v) => ['unspecified', 'static', 'dhcp', 'bios'][v] ?? 'other'),
    ipAddress: opt(c.ipAddress, ipString),
    subnetMask: opt(c.subnetMask, ipString),
    macAddress: opt(c.macAddress, macString),
    snmpCommunity: c.snmpCommunity ?? null,
    ipHeader: opt(c.ipHeader, (h) => ({ ttl: h[0]!, flags: h[1]! & 0xe0, precedence: h[2]! & 0xe0, tos: h[2]! & 0x1e })),
    arpResponses: opt(c.arpControl, (v) => (v & 2) !== 0),
    gratuitousArp: opt(c.arpControl, (v) => (v & 1) !== 0),
    gratuitousArpIntervalSec: opt(c.gratuitousArpInterval, (v) => (v + 1) / 2),
    defaultGatewayIp: opt(c.defaultGatewayIp, ipString),
    defaultGatewayMac: opt(c.defaultGatewayMac, macString),
    backupGatewayIp: opt(c.backupGatewayIp, ipString),
    backupGatewayMac: opt(c.backupGatewayMac, macString),
    vlanId: opt(c.vlanId, (b) => (vlanEnabled(b) ? vlanIdOf(b) : null)),
    vlanPriority: c.vlanPriority ?? null,
    cipherSuites: c.cipherSuites ?? null,
    cipherSuitePrivileges: opt(c.cipherSuitePrivileges, (p) => p.map((v, id) => ({ id, maxPrivilege: v === 0 ? null : privilegeLimitName(v) }))),
    badPasswordThreshold: opt(c.badPasswordThreshold, (b) => ({
      threshold: b.threshold,
      generateEvent: b.generateEvent,
      attemptCountResetIntervalSec: b.resetInterval * 10,
      userLockoutIntervalSec: b.lockoutInterval * 10,
    })),
  };
}

function destinationText(d: AlertDestination): string {
  const l = [
    label('Alert Destination') + d.destination,
    label('Alert Acknowledge') + (d.acknowledged ? 'Acknowledged' : 'Unacknowledged'),
    label('Destination Type') + alertDestinationTypeName(d.type),
    label(d.acknowledged ? 'Acknowledge Timeout' : 'Retry Interval') + d.timeout,
    label('Number of Retries') + d.retries,
  ];
  if (d.address) {
    l.push(
      label('Alert Gateway') + (d.address.backupGateway ? 'Backup' : 'Default'),
      label('Alert IP Address') + d.address.ip,
      label('Alert MAC Address') + d.address.mac,
    );
  }
  return `${l.join('\n')}\n\n`;
}

function destinationJson(d: AlertDestination): unknown {
  return {
    destination: d.destination,
    acknowledged: d.acknowledged,
    type: { 0: 'pet', 6: 'oem1', 7: 'oem2' }[d.type] ?? 'unknown',
    timeoutSec: d.timeout,
    retries: d.retries,
    gateway: d.address ? (d.address.backupGateway ? 'backup' : 'default') : null,
    ipAddress: d.address?.ip ?? null,
    macAddress: d.address?.mac ?? null,
  };
}

const STATS_LABELS = [
  'IP Rx Packet              : ',
  'IP Rx Header Errors       : ',
  'IP Rx Address Errors      : ',
  'IP Rx Fragmented          : ',
  'IP Tx Packet              : ',
  'UDP Rx Packet             : ',
  'RMCP Rx Valid             : ',
  'UDP Proxy Packet Received : ',
  'UDP Proxy Packet Dropped  : ',
];

function statsText(s: LanStats, o: RenderOptions): string {
  const raw = s.statistics.raw;
  let out = '';
  if (o.verbose > 1) {
    out += '--- Rx Stats ---\n';
    for (let i = 0; i < 18; i += 2) out += `${X2(raw[i]!)} ${X2(raw[i + 1]!)} - `;
    out += '\n';
  }
  // ipmitool reads each counter most significant byte first (the spec sends the least significant first).
  return out + STATS_LABELS.map((lbl, i) => `${lbl}${raw.readUInt16BE(i * 2)}\n`).join('');
}

export const renderers = defineRenderers({
  'lan.print': { text: printText, json: printJson },
  'lan.set': {
    text: (d: LanSet) => d.text,
    json: (d: LanSet) => ({ channel: d.channel, setting: d.setting, value: d.value ?? null }),
  },
  'lan.alert.print': {
    text: (d: LanAlerts) => d.destinations.map(destinationText).join(''),
    json: (d: LanAlerts) => ({ channel: d.channel, destinations: d.destinations.map(destinationJson) }),
  },
  'lan.alert.set': {
    text: (d: LanAlertSet) => d.text,
    json: (d: LanAlertSet) => ({ channel: d.channel, destination: d.destination, setting: d.setting, value: d.value }),
  },
  'lan.stats.get': {
    text: statsText,
    json: (s: LanStats) => ({ channel: s.channel, ...Object.fromEntries(LAN_STATISTICS_FIELDS.map((f) => [f, s.statistics[f]])) }),
  },
  'lan.stats.clear': { text: () => '', json: (d: LanStatsCleared) => ({ channel: d.channel, cleared: true }) },
});
