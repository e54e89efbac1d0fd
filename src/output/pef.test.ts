/**
 * Golden tests for the pef renderers: PEF replies (IPMI v2.0 §30, filter entries §17.7 Table 17-2)
 * → the text ipmitool 1.8.19 printed for the same bytes on the project's simulator (list form and
 * -v), plus the cases ipmi_sim cannot produce, built from ipmitool's printf formats.
 */
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../commands/pef/filter.js';
import { getLastProcessedEventId } from '../ipmi/cmds/sensor/get-last-processed-event-id.js';
import { getPefCapabilities } from '../ipmi/cmds/sensor/get-pef-capabilities.js';
import { getPefConfigurationParameters } from '../ipmi/cmds/sensor/get-pef-configuration-parameters.js';
import { setPefConfigurationParameters } from '../ipmi/cmds/sensor/set-pef-configuration-parameters.js';
import { renderers } from './pef.js';

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');
const list = { verbose: 0, utc: true, color: false };
const verbose = { verbose: 1, utc: true, color: false };

describe('PEF command encodings (§30.1, §30.4, §30.6)', () => {
  it('Get PEF Capabilities: ipmi_sim 51h 3Fh 10h (v1.5, all actions, 16 filters)', () => {
    expect(getPefCapabilities.decode(bytes('51 3f 10'))).toEqual({ version: 0x51, actions: 0x3f, eventFilterCount: 16, length: 3 });
    expect(getPefCapabilities.cmd).toBe(0x10);
  });

  it('Get PEF Configuration Parameters: parameter (bit 7 = revision only), set, block', () => {
    expect(Buffer.from(getPefConfigurationParameters.encode({ param: 6, set: 2 })).toString('hex')).toBe('060200');
    expect(Buffer.from(getPefConfigurationParameters.encode({ param: 1, revisionOnly: true })).toString('hex')).toBe('810000');
    expect(getPefConfigurationParameters.decode(bytes('11 0f'))).toEqual({ revision: 0x11, data: bytes('0f') });
  });

  it('Set PEF Configuration Parameters (§30.3, Sensor/Event 12h): parameter then its data (filter 6 enabled; policy 5 entry)', () => {
    expect(setPefConfigurationParameters.cmd).toBe(0x12);
    expect(Buffer.from(setPefConfigurationParameters.encode({ param: 7, data: Uint8Array.of(6, 0x80) })).toString('hex')).toBe('070680');
    expect(Buffer.from(setPefConfigurationParameters.encode({ param: 9, data: Uint8Array.of(5, 0x08, 0x00, 0x00) })).toString('hex')).toBe('0905080000');
  });

  it('pef filter|policy enable|disable text', () => {
    expect(renderers['pef.toggle'].text({ table: 'filter', id: 6, enabled: true })).toBe('PEF Filter ID 6 is enabled now.\n');
    expect(renderers['pef.toggle'].text({ table: 'policy', id: 5, enabled: false })).toBe('PEF Policy ID 5 is disabled now.\n');
  });

  it('Get Last Processed Event ID: timestamp and three record ids, least significant byte first', () => {
    expect(getLastProcessedEventId.decode(bytes('00e1f565 1a00 1900 1a00'))).toEqual({
      lastAddition: 0x65f5e100,
      lastRecordId: 0x1a,
      lastSoftwareProcessedId: 0x19,
      lastBmcProcessedId: 0x1a,
    });
  });
});

describe('pef info', () => {
  const d = {
    capabilities: { version: 0x51, actions: 0x3f, eventFilterCount: 16, length: 3 },
    policyTableSize: 15,
    guid: bytes('11e0c11c857d8a819a458c0482fe0170'),
  };
  it('list form (ipmi_sim)', () => {
    expect(renderers['pef.info'].text(d, list)).toBe(
      ' 0x51 | 16 | 15 | 11e0c11c-857d-8a81-9a45-8c0482fe0170 | Alert,Power-off,Reset,Power-cycle,OEM-defined,Diagnostic-interrupt\n',
    );
  });
  it('-v (ipmi_sim)', () => {
    expect(renderers['pef.info'].text(d, verbose)).toBe(
      'Version                  : 0x51\nPEF Event Filter count   : 16\nPEF Alert Policy Table size : 15\nSystem GUID              : 11e0c11c-857d-8a81-9a45-8c0482fe0170\n' +
        'Alert                    : supported\nPower-off                : supported\nReset                    : supported\nPower-cycle              : supported\n' +
        'OEM-defined              : supported\nDiagnostic-interrupt     : supported\n\n',
    );
  });
});

describe('pef status (ipmi_sim has no Get Last Processed Event ID; test/diff/pef-emulated.test.ts compares it with ipmitool)', () => {
  const d = { last: { lastAddition: 0x65f5e100, lastRecordId: 0x1a, lastSoftwareProcessedId: 0x19, lastBmcProcessedId: 0x1a }, control: 0x03, actions: 0x05 };
  it('list form (-Z): time, ids as 0x%04x, enabled controls, active actions', () => {
    expect(renderers['pef.status'].text(d, list)).toBe(' 03/16/24 18:12:16 GMT | 0x001a | 0x0019 | 0x001a | PEF,PEF event messages | Alert,Reset\n');
  });
  it('-v: every flag with its state', () => {
    expect(renderers['pef.status'].text(d, verbose).split('\n').slice(4, 8)).toEqual([
      'PEF                      : enabled',
      'PEF event messages       : enabled',
      'PEF startup delay        : disabled',
      'Alert startup delay      : disabled',
    ]);
  });
});

describe('pef filter list (entries written on ipmi_sim, text from ipmitool)', () => {
  const f2 = parseFilter(2, bytes('80 01 03 10 ff ff 01 ff 01 95 02 ff 00 00 ff 00 00 ff 00 00'));
  const f3 = parseFilter(3, bytes('c0 06 00 08 20 00 04 11 6f ff ff ff 00 00 ff 00 00 ff 00 00'));
  const off = parseFilter(1, Buffer.alloc(20));
  it('list form', () => {
    expect(renderers['pef.filter.list'].text({ filters: [off, f2, f3] }, list)).toBe(
      ' 1 | disabled, configurable\n' +
        ' 2 | enabled, configurable | Temperature | Any | Critical | Threshold | (0x01/0x0295),<LNC,<LC,<LNR,<UNC,<UC | Alert | 3\n' +
        ' 3 | enabled, pre-configured | Fan | 17 | Warning | Discrete | Any | Power-off,Reset\n',
    );
  });
  it('-v', () => {
    expect(renderers['pef.filter.list'].text({ filters: [f3] }, verbose)).toBe(
      'PEF Filter Table entry   : 3\nStatus                   : enabled, pre-configured\nSensor type              : Fan\nSensor number            : 17\n' +
        'Event severity           : Warning\nEvent class              : Discrete\nEvent trigger(s)         : Any\nAction                   : Power-off,Reset\n\n',
    );
  });
  it('OEM trigger and an unknown generic type', () => {
    const oem = parseFilter(5, bytes('80 00 00 00 20 00 01 01 70 01 00 ff 00 00 ff 00 00 ff 00 00'));
    expect(renderers['pef.filter.list'].text({ filters: [oem] }, list)).toBe(' 5 | enabled, configurable | Temperature | 1 | None | OEM | OEM | None\n');
    const odd = parseFilter(6, bytes('80 00 00 01 20 00 01 01 20 01 00 ff 00 00 ff 00 00 ff 00 00'));
    expect(renderers['pef.filter.list'].text({ filters: [odd] }, list)).toBe(
      ' 6 | enabled, configurable | Temperature | 1 | Monitor | Discrete | (0x20/0x0001), Unrecognized event trigger | None\n',
    );
  });
});

describe('pef policy list', () => {
  const base = { id: 2, policySet: 1, enabled: true, rule: 4, eventSpecific: true, channel: 1, medium: 4, destination: 1 };
  it('LAN destination that could not be read (ipmi_sim): only the policy fields', () => {
    expect(renderers['pef.policy.list'].text({ policies: [{ ...base, lan: {} }] }, list)).toBe(
      ' 2 | 1 | enabled | Try-next-destination | true | 1 | 802.3 LAN\n',
    );
  });
  it('LAN destination with PET community and address (format from source)', () => {
    const lan = { type: 0, community: 'public', timeout: 3, retries: 2, ip: '192.168.1.9', mac: '00:11:22:33:44:55' };
    expect(renderers['pef.policy.list'].text({ policies: [{ ...base, lan }] }, list)).toBe(
      ' 2 | 1 | enabled | Try-next-destination | true | 1 | 802.3 LAN | PET | public | 3 | 2 | 192.168.1.9 | 00:11:22:33:44:55\n',
    );
  });
  it('other media print the destination id', () => {
    expect(
      renderers['pef.policy.list'].text(
        { policies: [{ ...base, eventSpecific: false, enabled: false, rule: 0, policySet: 0, id: 1, channel: 0, medium: 1, destination: 0 }] },
        list,
      ),
    ).toBe(' 1 | 0 | disabled | Match-always | 0 | IPMB (I2C) | 0\n');
  });
});
