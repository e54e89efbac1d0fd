/**
 * dcmi: ipmitool 1.8.19's text (lib/ipmi_dcmi.c; every command ends with ipmi_dcmi_main's extra
 * newline) and the --json documents (docs/json.md).
 */
import type { DcmiConfig, DcmiConfigSet } from '../commands/dcmi/config.js';
import type { DcmiDiscovery } from '../commands/dcmi/discover.js';
import type { DcmiPowerLimit, DcmiPowerReading } from '../commands/dcmi/power.js';
import type { DcmiString } from '../commands/dcmi/strings.js';
import type { DcmiSensors, DcmiTemperatures, DcmiThermal, DcmiThermalSet } from '../commands/dcmi/temperature.js';
import type { DcmiCapabilities } from '../ipmi/cmds/group/get-dcmi-capabilities-info.js';
import {
  DCMI_ENTITIES,
  dcmiIdCapabilities,
  dcmiManagementAccessCapabilities,
  dcmiMandatoryPlatformCapabilities,
  dcmiOptionalPlatformCapabilities,
  dcmiPowerActionName,
  dcmiSamplingPeriods,
  dcmiTemperatureMonitoring,
} from '../spec/dcmi.js';
import { timestampNumeric } from '../format/ipmi-time.js';
import { sensorFc } from './sdr.js';
import type { RenderOptions } from './types.js';
import { defineRenderers } from './types.js';
import { unknownValueShort } from '../format/c-printf.js';

const bitsSet = (names: readonly string[], v: number): string[] => names.filter((_, i) => v & (1 << i));
const attrs = (names: readonly string[], v: number): string =>
  bitsSet(names, v)
    .map((n) => `        ${n}\n`)
    .join('');

function capsText(selector: number, c: DcmiCapabilities): string {
  const b = (i: number): number => c.data[i] ?? 0;
  switch (selector) {
    case 1:
      return (
        '    Supported DCMI capabilities:\n' +
        `\n         Mandatory platform capabilities\n${attrs(dcmiMandatoryPlatformCapabilities, b(0))}` +
        `\n         Optional platform capabilities\n${attrs(dcmiOptionalPlatformCapabilities, b(1))}` +
        `\n         Managebility access capabilities\n${attrs(dcmiManagementAccessCapabilities, b(2))}`
      );
    case 2:
      return (
        '\n    Mandatory platform attributes:\n' +
        '\n         SEL Attributes: ' +
        `\n               SEL automatic rollover is ${b(1) & 0x80 ? 'enabled' : 'not present'}` +
        `\n               ${(b(0) | (b(1) << 8)) & 0xfff} SEL entries\n` +
        `\n         Identification Attributes: \n${attrs(dcmiIdCapabilities, b(2))}` +
        `\n         Temperature Monitoring Attributes: \n${attrs(dcmiTemperatureMonitoring, b(3))}`
      );
    case 3:
      return (
        '\n    Optional Platform Attributes: \n' +
        '\n         Power Management:\n' +
        (b(0) === 0x40
          ? '                Slave address of device: 20h (BMC)\n'
          : `                Slave address of device: ${b(0).toString(16)}h (8bits)(Satellite/External controller)\n`) +
        (b(1) >> 4 === 0 ? '                Channel number is 0h (Primary BMC)\n' : `                Channel number is ${(b(1) >> 4).toString(16)}h \n`) +
        `                    Device revision is ${b(1) & 0x0f} \n`
      );
    default:
      return (
        '\n    Manageability Access Attributes: \n' +
        (b(0) === 0xff ? '         Primary LAN channel is not available for OOB\n' : `         Primary LAN channel number: ${b(0)} is available\n`) +
        (b(1) === 0xff ? '         Secondary LAN channel is not available for OOB\n' : `         Secondary LAN channel number: ${b(1)} is available\n`) +
        (b(2) === 0xff ? '         No serial channel is available\n' : `         Serial channel number: ${b(2)} is available\n`)
      );
  }
}

const w8 = (n: number): string => String(n).padStart(8);
const samplingName = (code: number): string => Object.entries(dcmiSamplingPeriods).find(([, v]) => v === code)?.[0] ?? unknownValueShort(code);

function readingText(d: DcmiPowerReading, o: RenderOptions): string {
  const r = d.reading;
  return (
    '\n' +
    `    Instantaneous power reading:              ${w8(r.current)} Watts\n` +
    `    Minimum during sampling period:           ${w8(r.minimum)} Watts\n` +
    `    Maximum during sampling period:           ${w8(r.maximum)} Watts\n` +
    `    Average power reading over sample period: ${w8(r.average)} Watts\n` +
    // No newline after the timestamp: ipmitool prints the next label on the same line.
    `    IPMI timestamp:                           ${timestampNumeric(r.timestamp, { utc: o.utc })}` +
    '    Sampling period:                          ' +
    (d.averaging !== undefined ? `${samplingName(r.period & 0xffff)} \n` : `${String(Math.floor(r.period / 1000)).padStart(8, '0')} Seconds.\n`) +
    `    Power reading state is:                   ${r.active ? 'activated' : 'deactivated'}\n\n\n`
  );
}

function limitText(d: DcmiPowerLimit): string {
  const l = d.limit;
  return (
    `\n    Current Limit State: ${d.active ? 'Power Limit Active' : 'No Active Power Limit'}\n` +
    `    Exception actions:   ${dcmiPowerActionName(l.action)}\n` +
    `    Power Limit:         ${l.limit} Watts\n` +
    `    Correction time:     ${l.correctionMs} milliseconds\n` +
    `    Sampling period:     ${l.samplingSec} seconds\n\n\n`
  );
}

/** ipmi_dcmi_prnt_discvry_snsr: each record ID, then the sensor as `sdr list` prints it (ipmi_sdr_print_rawentry). */
function sensorsText(d: DcmiSensors, o: RenderOptions, csv: boolean): string {
  return (
    d.entities
      .map((e) => {
        const name = DCMI_ENTITIES.find((x) => x.id === e.entityId)?.name ?? unknownValueShort(e.entityId);
        const head = `\n${name}: ${e.total} temperature sensor${e.total > 1 ? 's' : ''} found:\n`;
        return (
          head +
          e.recordIds
            .map((id) => {
              const s = d.sensors.get(id);
              return `Record ID 0x${id.toString(16).padStart(4, '0')}: ${s ? sensorFc(s, { csv, verbose: o.verbose > 0, extended: false }) : ''}`;
            })
            .join('')
        );
      })
      .join('') + '\n'
  );
}

function temperaturesText(d: DcmiTemperatures): string {
  const rows = d.readings.map((t) => {
    const desc = DCMI_ENTITIES.find((x) => x.id === t.entityId)?.reading ?? '';
    return `\n${desc}\t\t${t.instance}\t\t${t.celsius < 0 ? '-' : '+'}${Math.abs(t.celsius)} C`;
  });
  return `\n\tEntity ID\t\t\tEntity Instance\t   Temp. Readings${rows.join('')}\n`;
}

function configText(d: DcmiConfig): string {
  return (
    '\n\tDHCP Discovery method\t: ' +
    `\n\t\tManagement Controller ID String is ${d.dhcpDiscovery & 1 ? 'enabled' : 'disabled'}` +
    `\n\t\tVendor class identifier DCMI IANA and Vendor class-specific Informationa are ${d.dhcpDiscovery & 2 ? 'enabled' : 'disabled'}` +
    `\n\tInitial timeout interval\t: ${d.initialTimeoutSec} seconds` +
    `\n\tServer contact timeout interval\t: ${d.serverContactTimeoutSec} seconds` +
    `\n\tServer contact retry interval\t: ${d.serverContactRetrySec} seconds\n`
  );
}

function thermalText(d: DcmiThermal): string {
  const a = d.limit.exceptionActions;
  return (
    '\n' +
    `    Persistence flag is:                      ${a & 0x80 ? 'set' : 'notset'}\n` +
    '    Exception Actions, taken if the Temperature Limit exceeded:\n' +
    `        Hard Power Off system and log event:  ${a & 0x40 ? 'active' : 'inactive'}\n` +
    `        Log event to SEL only:                ${a & 0x20 ? 'active' : 'inactive'}\n` +
    `    Temperature Limit                         ${d.limit.temperatureLimit} degrees\n` +
    `    Exception Time                            ${d.limit.exceptionTimeSec} seconds\n\n\n\n`
  );
}

function discoveryJson(d: DcmiDiscovery): unknown {
  const p = (s: number): DcmiCapabilities | undefined => d.parameters.find((x) => x.selector === s)?.caps;
  const b = (s: number, i: number): number | null => p(s)?.data[i] ?? null;
  const c1 = p(1);
  return {
    conformance: c1 ? `${c1.major}.${c1.minor}` : null,
    mandatoryPlatformCapabilities: c1 ? bitsSet(dcmiMandatoryPlatformCapabilities, c1.data[0] ?? 0) : null,
    optionalPlatformCapabilities: c1 ? bitsSet(dcmiOptionalPlatformCapabilities, c1.data[1] ?? 0) : null,
    managementAccessCapabilities: c1 ? bitsSet(dcmiManagementAccessCapabilities, c1.data[2] ?? 0) : null,
    selAutomaticRollover: p(2) ? ((b(2, 1) ?? 0) & 0x80) !== 0 : null,
    selEntries: p(2) ? ((b(2, 0) ?? 0) | ((b(2, 1) ?? 0) << 8)) & 0xfff : null,
    identificationAttributes: p(2) ? bitsSet(dcmiIdCapabilities, b(2, 2) ?? 0) : null,
    temperatureMonitoring: p(2) ? bitsSet(dcmiTemperatureMonitoring, b(2, 3) ?? 0) : null,
    powerManagementSlaveAddress: b(3, 0),
    powerManagementChannel: p(3) ? (b(3, 1) ?? 0) >> 4 : null,
    primaryLanChannel: b(4, 0) === 0xff ? null : b(4, 0),
    secondaryLanChannel: b(4, 1) === 0xff ? null : b(4, 1),
    serialChannel: b(4, 2) === 0xff ? null : b(4, 2),
  };
}

const STRING_TITLES: Readonly<Record<DcmiString['which'], string>> = {
  asset_tag: 'Asset tag',
  mc_id_string: 'Get Management Controller Identifier String',
  set_asset_tag: 'Set Asset Tag',
  set_mc_id_string: 'Set Management Controller Identifier String Command',
};

export const renderers = defineRenderers({
  'dcmi.discover': {
    text: (d: DcmiDiscovery) => `${d.parameters.map((p) => capsText(p.selector, p.caps)).join('')}\n`,
    json: discoveryJson,
  },
  'dcmi.power.reading': {
    text: readingText,
    json: (d: DcmiPowerReading) => ({
      currentWatts: d.reading.current,
      minimumWatts: d.reading.minimum,
      maximumWatts: d.reading.maximum,
      averageWatts: d.reading.average,
      timestamp: d.reading.timestamp,
      samplingPeriodMs: d.averaging === undefined ? d.reading.period : null,
      averagingPeriod: d.averaging === undefined ? null : samplingName(d.averaging),
      active: d.reading.active,
    }),
  },
  'dcmi.power.limit': {
    text: limitText,
    json: (d: DcmiPowerLimit) => ({
      active: d.active,
      exceptionAction: dcmiPowerActionName(d.limit.action),
      exceptionActionCode: d.limit.action,
      limitWatts: d.limit.limit,
      correctionTimeMs: d.limit.correctionMs,
      samplingPeriodSec: d.limit.samplingSec,
    }),
  },
  'dcmi.power.activation': {
    text: (d: { activated: boolean }) => `\n    Power limit successfully ${d.activated ? 'activated' : 'deactivated'}\n\n`,
    json: (d: { activated: boolean }) => d,
  },
  'dcmi.string': {
    text: (d: DcmiString) => `\n ${STRING_TITLES[d.which]}: ${d.value}\n\n`,
    json: (d: DcmiString) => (d.which.endsWith('asset_tag') ? { assetTag: d.value } : { mcIdString: d.value.replace(/\0$/, '') }),
  },
  'dcmi.sensors': {
    text: (d: DcmiSensors, o: RenderOptions) => sensorsText(d, o, false),
    csv: (d: DcmiSensors, o: RenderOptions) => sensorsText(d, o, true),
    json: (d: DcmiSensors) => ({
      entities: d.entities.map((e) => ({
        entityId: e.entityId,
        name: DCMI_ENTITIES.find((x) => x.id === e.entityId)?.name ?? null,
        count: e.total,
        recordIds: e.recordIds,
        sensors: e.recordIds.flatMap((id) => {
          const s = d.sensors.get(id);
          return s ? [{ recordId: id, name: s.record.name, reading: s.reading.value ?? null, unit: s.reading.units || null }] : [];
        }),
      })),
    }),
  },
  'dcmi.temperatures': {
    text: temperaturesText,
    json: (d: DcmiTemperatures) => ({ readings: d.readings.map((t) => ({ entityId: t.entityId, instance: t.instance, celsius: t.celsius })) }),
  },
  'dcmi.confparam': {
    text: configText,
    json: (d: DcmiConfig) => ({
      dhcpManagementControllerIdString: (d.dhcpDiscovery & 1) !== 0,
      dhcpVendorClass: (d.dhcpDiscovery & 2) !== 0,
      initialTimeoutSec: d.initialTimeoutSec,
      serverContactTimeoutSec: d.serverContactTimeoutSec,
      serverContactRetrySec: d.serverContactRetrySec,
    }),
  },
  'dcmi.newline': { text: () => '\n' },
  'dcmi.thermalpolicy.set': {
    text: (d: DcmiThermalSet) => `\nThermal policy ${d.instance} for ${d.entityId.toString(16).toUpperCase()}h entity successfully set.\n\n\n`,
    json: (d: DcmiThermalSet) => ({
      entityId: d.entityId,
      instance: d.instance,
      persistent: (d.limit.exceptionActions & 0x80) !== 0,
      hardPowerOff: (d.limit.exceptionActions & 0x40) !== 0,
      logToSel: (d.limit.exceptionActions & 0x20) !== 0,
      temperatureLimit: d.limit.temperatureLimit,
      exceptionTimeSec: d.limit.exceptionTimeSec,
    }),
  },
  'dcmi.confparam.set': { text: () => '\n', json: (d: DcmiConfigSet) => d },
  'dcmi.thermalpolicy': {
    text: thermalText,
    json: (d: DcmiThermal) => ({
      entityId: d.entityId,
      instance: d.instance,
      persistent: (d.limit.exceptionActions & 0x80) !== 0,
      hardPowerOff: (d.limit.exceptionActions & 0x40) !== 0,
      logToSel: (d.limit.exceptionActions & 0x20) !== 0,
      temperatureLimit: d.limit.temperatureLimit,
      exceptionTimeSec: d.limit.exceptionTimeSec,
    }),
  },
});
