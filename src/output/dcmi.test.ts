/**
 * Golden tests for the dcmi renderers: ipmi_sim has no DCMI, so the expected text is built from
 * ipmitool 1.8.19's printf formats (lib/ipmi_dcmi.c), including ipmi_dcmi_main's final newline.
 */
import { describe, expect, it } from 'vitest';
import { getDcmiCapabilitiesInfo } from '../ipmi/cmds/group/get-dcmi-capabilities-info.js';
import { getPowerLimit } from '../ipmi/cmds/group/get-power-limit.js';
import { getPowerReading } from '../ipmi/cmds/group/get-power-reading.js';
import { renderers } from './dcmi.js';

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');
const o = { verbose: 0, utc: true, color: false };

describe('dcmi discover', () => {
  it('the four parameters', () => {
    const parameters = [
      { selector: 1, caps: getDcmiCapabilitiesInfo.decode(bytes('dc 01 05 02 0f 01 3d')) },
      { selector: 2, caps: getDcmiCapabilitiesInfo.decode(bytes('dc 01 05 02 00 84 07 07')) },
      { selector: 3, caps: getDcmiCapabilitiesInfo.decode(bytes('dc 01 05 02 40 00')) },
      { selector: 4, caps: getDcmiCapabilitiesInfo.decode(bytes('dc 01 05 02 01 ff ff')) },
    ];
    expect(renderers['dcmi.discover'].text({ parameters })).toBe(
      '    Supported DCMI capabilities:\n' +
        '\n         Mandatory platform capabilities\n' +
        '        Identification support available\n        SEL logging available\n        Chassis power available\n        Temperature monitor available\n' +
        '\n         Optional platform capabilities\n        Power management available\n' +
        '\n         Managebility access capabilities\n' +
        '        In-band KCS channel available\n        Out-of-band secondary LAN channel available\n        Out-of-band primary LAN channel available\n        SOL enabled\n        VLAN capable\n' +
        '\n    Mandatory platform attributes:\n' +
        '\n         SEL Attributes: ' +
        '\n               SEL automatic rollover is enabled' +
        '\n               1024 SEL entries\n' +
        '\n         Identification Attributes: \n        GUID\n        DHCP hostname\n        Asset tag\n' +
        '\n         Temperature Monitoring Attributes: \n        inlet\n        cpu\n        baseboard\n' +
        '\n    Optional Platform Attributes: \n' +
        '\n         Power Management:\n' +
        '                Slave address of device: 20h (BMC)\n' +
        '                Channel number is 0h (Primary BMC)\n' +
        '                    Device revision is 0 \n' +
        '\n    Manageability Access Attributes: \n' +
        '         Primary LAN channel number: 1 is available\n' +
        '         Secondary LAN channel is not available for OOB\n' +
        '         No serial channel is available\n' +
        '\n',
    );
    expect(renderers['dcmi.discover'].json!({ parameters })).toMatchObject({
      conformance: '1.5',
      selEntries: 1024,
      primaryLanChannel: 1,
      secondaryLanChannel: null,
    });
  });
});

describe('dcmi power', () => {
  const reading = getPowerReading.decode(bytes('dc 4001 6400 f401 2c01 00e1f565 e8030000 40'));
  it('reading (mode 1): the timestamp line runs into the next label, as ipmitool prints it', () => {
    expect(renderers['dcmi.power.reading'].text({ reading }, o)).toBe(
      '\n' +
        '    Instantaneous power reading:                   320 Watts\n' +
        '    Minimum during sampling period:                100 Watts\n' +
        '    Maximum during sampling period:                500 Watts\n' +
        '    Average power reading over sample period:      300 Watts\n' +
        '    IPMI timestamp:                           03/16/24 18:12:16 GMT' +
        '    Sampling period:                          00000001 Seconds.\n' +
        '    Power reading state is:                   activated\n\n\n',
    );
  });
  it('reading with an averaging period names it', () => {
    const r = { ...reading, period: 0x41 };
    expect(renderers['dcmi.power.reading'].text({ reading: r, averaging: 0x41 }, o)).toContain('    Sampling period:                          1_min \n');
  });
  it('get_limit, active and not (completion code 80h)', () => {
    const limit = getPowerLimit.decode(bytes('dc 0000 11 2c01 e8030000 0000 0100'));
    const text =
      '    Exception actions:   Log Event to SEL\n    Power Limit:         300 Watts\n    Correction time:     1000 milliseconds\n    Sampling period:     1 seconds\n\n\n';
    expect(renderers['dcmi.power.limit'].text({ active: true, limit })).toBe(`\n    Current Limit State: Power Limit Active\n${text}`);
    expect(renderers['dcmi.power.limit'].text({ active: false, limit })).toBe(`\n    Current Limit State: No Active Power Limit\n${text}`);
  });
  it('activate / deactivate', () => {
    expect(renderers['dcmi.power.activation'].text({ activated: true })).toBe('\n    Power limit successfully activated\n\n');
    expect(renderers['dcmi.power.activation'].text({ activated: false })).toBe('\n    Power limit successfully deactivated\n\n');
  });
});

describe('dcmi strings, temperatures, configuration, thermal policy', () => {
  it('asset_tag and get_mc_id_string', () => {
    expect(renderers['dcmi.string'].text({ which: 'asset_tag', value: 'ASSET-0042' })).toBe('\n Asset tag: ASSET-0042\n\n');
    expect(renderers['dcmi.string'].text({ which: 'mc_id_string', value: 'bmc1' })).toBe('\n Get Management Controller Identifier String: bmc1\n\n');
  });
  it('get_temp_reading: header, one row per reading, signed', () => {
    expect(
      renderers['dcmi.temperatures'].text({
        readings: [
          { entityId: 0x40, instance: 1, celsius: 23 },
          { entityId: 0x41, instance: 2, celsius: -5 },
        ],
      }),
    ).toBe('\n\tEntity ID\t\t\tEntity Instance\t   Temp. Readings\nInlet air temperature(40h)\t\t1\t\t+23 C\nCPU temperature sensors(41h)\t\t2\t\t-5 C\n');
  });
  it('get_conf_param', () => {
    expect(renderers['dcmi.confparam'].text({ dhcpDiscovery: 1, initialTimeoutSec: 4, serverContactTimeoutSec: 120, serverContactRetrySec: 64 })).toBe(
      '\n\tDHCP Discovery method\t: \n\t\tManagement Controller ID String is enabled' +
        '\n\t\tVendor class identifier DCMI IANA and Vendor class-specific Informationa are disabled' +
        '\n\tInitial timeout interval\t: 4 seconds\n\tServer contact timeout interval\t: 120 seconds\n\tServer contact retry interval\t: 64 seconds\n',
    );
  });
  it('thermalpolicy get', () => {
    expect(
      renderers['dcmi.thermalpolicy'].text({ entityId: 0x40, instance: 1, limit: { exceptionActions: 0xc0, temperatureLimit: 80, exceptionTimeSec: 30 } }),
    ).toBe(
      '\n    Persistence flag is:                      set\n    Exception Actions, taken if the Temperature Limit exceeded:\n' +
        '        Hard Power Off system and log event:  active\n        Log event to SEL only:                inactive\n' +
        '    Temperature Limit                         80 degrees\n    Exception Time                            30 seconds\n\n\n\n',
    );
  });
  it('sensors: the header per entity and "Record ID 0x....: " before each sensor (records without an SDR sensor: nothing after it)', () => {
    const d = {
      entities: [
        { entityId: 0x40, total: 1, recordIds: [3] },
        { entityId: 0x41, total: 2, recordIds: [4, 5] },
      ],
      sensors: new Map(),
    };
    expect(renderers['dcmi.sensors'].text(d, o)).toBe(
      '\nInlet: 1 temperature sensor found:\nRecord ID 0x0003: \nCPU: 2 temperature sensors found:\nRecord ID 0x0004: Record ID 0x0005: \n',
    );
  });
});
