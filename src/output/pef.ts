/**
 * pef: ipmitool 1.8.19's text (lib/ipmi_pef.c) and the --json documents (docs/json.md). ipmitool
 * prints each record as " v1 | v2 | ..." and, under -v, as "%-24s : value" lines; both come from
 * one list of fields here.
 */
import type { PefToggle } from '../commands/pef/enable.js';
import type { PefFilter, PefFilters } from '../commands/pef/filter.js';
import type { PefInfo } from '../commands/pef/info.js';
import type { PefPolicies, PefPolicy } from '../commands/pef/policy.js';
import type { PefStatus } from '../commands/pef/status.js';
import {
  allBitNames,
  firstBitName,
  pefActionNames,
  pefChannelMediumNames,
  pefControlNames,
  pefGenericOffsetNames,
  pefLanDestTypeNames,
  pefPolicyRuleNames,
  pefSensorTypeNames,
  pefSeverityNames,
  type BitNames,
} from '../spec/pef.js';
import { timestampNumeric } from '../format/ipmi-time.js';
import type { RenderOptions } from './types.js';
import { defineRenderers } from './types.js';
import { hex4p } from '../format/c-printf.js';

type Field = readonly [label: string, value: string];

/** ipmi_pef_print_field: " | v" after the first value (which has only the space), or a -v line. */
function fields(list: readonly Field[], o: RenderOptions): string {
  if (o.verbose) return list.map(([l, v]) => `${l.padEnd(24)} : ${v}\n`).join('');
  return list.map(([, v], i) => (i === 0 ? ` ${v}` : ` | ${v}`)).join('');
}

/** ipmi_pef_print_flags: " | a,b" of the bits set, or one "-v" line per flag with its state. */
function flags(map: BitNames, value: number, on: string, off: string, o: RenderOptions): string {
  if (o.verbose) return map.map(([n, m]) => `${n.padEnd(24)} : ${value & m ? on : off}\n`).join('');
  const set = map.filter(([, m]) => value & m).map(([n]) => n);
  return set.length ? ` | ${set.join(',')}` : '';
}

const hex1 = (v: number): string => `0x${v.toString(16).padStart(2, '0')}`;
const guidText = (g: Buffer): string => {
  const h = g.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

function infoText(d: PefInfo, o: RenderOptions): string {
  let s = fields(
    [
      ['Version', hex1(d.capabilities.version)],
      ['PEF Event Filter count', String(d.capabilities.eventFilterCount)],
      ['PEF Alert Policy Table size', String(d.policyTableSize)],
    ],
    o,
  );
  if (d.guid) s += o.verbose ? `${'System GUID'.padEnd(24)} : ${guidText(d.guid)}\n` : ` | ${guidText(d.guid)}`;
  return `${s}${flags(pefActionNames, d.capabilities.actions, 'supported', 'unsupported', o)}\n`;
}

function statusText(d: PefStatus, o: RenderOptions): string {
  const s = fields(
    [
      ['Last SEL addition', timestampNumeric(d.last.lastAddition, { utc: o.utc })],
      ['Last SEL record ID', hex4p(d.last.lastRecordId)],
      ['Last S/W processed ID', hex4p(d.last.lastSoftwareProcessedId)],
      ['Last BMC processed ID', hex4p(d.last.lastBmcProcessedId)],
    ],
    o,
  );
  return `${s}${flags(pefControlNames, d.control, 'enabled', 'disabled', o)}${flags(pefActionNames, d.actions, 'active', 'inactive', o)}\n`;
}

/** ipmi_pef_print_event_info's trigger text. */
function triggerText(f: PefFilter): string {
  const t = f.eventTrigger;
  if (f.offsetMask === 0xffff || t === 0xff) return 'Any';
  if (t === 0) return 'Unspecified';
  if (t === 0x6f) return 'Sensor-specific';
  if (t > 0x6f) return 'OEM';
  let s = `(${hex1(t)}/${hex4p(f.offsetMask)})`;
  for (let i = 0; i < 16; i++) {
    if (!(f.offsetMask & (1 << i))) continue;
    const table = pefGenericOffsetNames[t - 1];
    s += table ? `,${table[i] ?? 'None'}` : ', Unrecognized event trigger';
  }
  return s;
}

function filterFields(f: PefFilter): Field[] {
  const enabled = (f.config & 0x80) !== 0;
  const kind = { 0x40: 'pre-configured', 0x00: 'configurable' }[f.config & 0x60] ?? 'reserved';
  const l: Field[] = [
    ['PEF Filter Table entry', String(f.id)],
    ['Status', `${enabled ? 'enabled' : 'disabled'}, ${kind}`],
  ];
  if (!enabled) return l;
  const t = f.eventTrigger;
  l.push(
    ['Sensor type', pefSensorTypeNames[f.sensorType] ?? 'None'],
    ['Sensor number', f.sensorNumber === 0xff ? 'Any' : String(f.sensorNumber)],
    ['Event severity', firstBitName(pefSeverityNames, f.severity)],
    ['Event class', t === 1 ? 'Threshold' : t > 0x6f ? 'OEM' : 'Discrete'],
    ['Event trigger(s)', triggerText(f)],
    ['Action', allBitNames(pefActionNames, f.action)],
  );
  if (f.action & 0x01) l.push(['Policy set', String(f.policyNumber)]);
  return l;
}

function policyFields(p: PefPolicy): Field[] {
  const l: Field[] = [
    ['Alert policy table entry', String(p.id)],
    ['Policy set', String(p.policySet)],
    ['State', p.enabled ? 'enabled' : 'disabled'],
    ['Policy entry rule', pefPolicyRuleNames[p.rule] ?? 'None'],
  ];
  if (p.eventSpecific) l.push(['Event-specific', 'true']);
  l.push(['Channel number', String(p.channel)], ['Channel medium', pefChannelMediumNames[p.medium] ?? 'None']);
  if (!p.lan) {
    l.push(['Destination ID', String(p.destination)]);
    return l;
  }
  const d = p.lan;
  if (d.type !== undefined) {
    l.push(['Alert destination type', pefLanDestTypeNames[d.type] ?? 'None']);
    if (d.community !== undefined) l.push(['PET Community', d.community]);
    l.push(['ACK timeout/retry (secs)', String(d.timeout)], ['Retries', String(d.retries)]);
    if (d.ip !== undefined) l.push(['IP address', d.ip], ['MAC address', d.mac!]);
  }
  return l;
}

const filterJson = (f: PefFilter): unknown => ({
  id: f.id,
  enabled: (f.config & 0x80) !== 0,
  configuration: { 0x40: 'pre-configured', 0x00: 'configurable' }[f.config & 0x60] ?? 'reserved',
  sensorType: f.sensorType === 0xff ? 'any' : (pefSensorTypeNames[f.sensorType] ?? null),
  sensorTypeCode: f.sensorType,
  sensorNumber: f.sensorNumber === 0xff ? null : f.sensorNumber,
  severity: pefSeverityNames.filter(([, m]) => f.severity & m).map(([n]) => n),
  eventTrigger: f.eventTrigger,
  offsetMask: f.offsetMask,
  actions: pefActionNames.filter(([, m]) => f.action & m).map(([n]) => n),
  policySet: f.policyNumber,
  generatorAddress: f.generatorAddress,
  generatorLun: f.generatorLun,
  eventData: f.eventData.toString('hex'),
});

const policyJson = (p: PefPolicy): unknown => ({
  id: p.id,
  policySet: p.policySet,
  enabled: p.enabled,
  rule: pefPolicyRuleNames[p.rule] ?? null,
  eventSpecific: p.eventSpecific,
  channel: p.channel,
  medium: pefChannelMediumNames[p.medium] ?? null,
  destination: p.destination,
  lanDestination: p.lan
    ? {
        type: p.lan.type === undefined ? null : (pefLanDestTypeNames[p.lan.type] ?? null),
        community: p.lan.community ?? null,
        timeoutSec: p.lan.timeout ?? null,
        retries: p.lan.retries ?? null,
        ipAddress: p.lan.ip ?? null,
        macAddress: p.lan.mac ?? null,
      }
    : null,
});

export const renderers = defineRenderers({
  'pef.toggle': {
    text: (d: PefToggle) => `PEF ${d.table === 'filter' ? 'Filter' : 'Policy'} ID ${d.id} is ${d.enabled ? 'enabled' : 'disabled'} now.\n`,
    json: (d: PefToggle) => d,
  },
  'pef.info': {
    text: infoText,
    json: (d: PefInfo) => ({
      version: `${d.capabilities.version >> 4}.${d.capabilities.version & 0x0f}`,
      versionCode: d.capabilities.version,
      eventFilterCount: d.capabilities.eventFilterCount,
      alertPolicyTableSize: d.policyTableSize,
      systemGuid: d.guid ? guidText(d.guid) : null,
      actions: pefActionNames.filter(([, m]) => d.capabilities.actions & m).map(([n]) => n),
    }),
  },
  'pef.status': {
    text: statusText,
    json: (d: PefStatus) => ({
      lastSelAddition: d.last.lastAddition === 0xffffffff ? null : d.last.lastAddition,
      lastSelRecordId: d.last.lastRecordId,
      lastSoftwareProcessedId: d.last.lastSoftwareProcessedId,
      lastBmcProcessedId: d.last.lastBmcProcessedId,
      control: Object.fromEntries(pefControlNames.map(([n, m]) => [n, (d.control & m) !== 0])),
      activeActions: pefActionNames.filter(([, m]) => d.actions & m).map(([n]) => n),
    }),
  },
  'pef.filter.list': {
    text: (d: PefFilters, o: RenderOptions) => d.filters.map((f) => `${fields(filterFields(f), o)}\n`).join(''),
    json: (d: PefFilters) => ({ filters: d.filters.map(filterJson) }),
  },
  'pef.policy.list': {
    text: (d: PefPolicies, o: RenderOptions) => d.policies.map((p) => `${fields(policyFields(p), o)}\n`).join(''),
    json: (d: PefPolicies) => ({ policies: d.policies.map(policyJson) }),
  },
});
