/** Which FRU device locators `fru print` reads, and how (ipmitool's ipmi_fru_print rules), from SDR bytes (IPMI v2.0 §43.8 Table 43-7). */
import { describe, expect, it } from 'vitest';
import { decodeRecord, type FruLocatorRecord } from '../../sdr/index.js';
import { locatorView, notesOf } from './print.js';

/** A FRU device locator record: header (id 0x0040, SDR v1.5, type 11h, length) + body. */
function locator(o: { address?: number; id: number; channel?: number; type?: number; modifier?: number; name?: string }): FruLocatorRecord {
  const name = Buffer.from(o.name ?? 'FRU');
  const body = [
    o.address ?? 0x20, // device access address
    o.id, // FRU device ID
    0x80, // logical, LUN 0, bus 0
    (o.channel ?? 0) << 4, // channel number (bits 7:4)
    0x00, // reserved
    o.type ?? 0x10, // device type
    o.modifier ?? 0x00, // device type modifier
    0x0a,
    0x01, // entity: power supply, instance 1
    0x00, // OEM
    0xc0 | name.length, // ID string type/length
    ...name,
  ];
  const r = decodeRecord(Buffer.from([0x40, 0x00, 0x51, 0x11, body.length, ...body]));
  if (r.kind !== 'fru') throw new Error('not a FRU locator');
  return r;
}

describe('locatorView', () => {
  it('a logical FRU inventory device behind the BMC is read, named by its ID string', () => {
    expect(locatorView(locator({ id: 1, name: 'PSU1 FRU' }), 0)).toMatchObject({
      id: 1,
      description: 'PSU1 FRU (ID 1)',
      status: 'ok',
      locator: { accessAddress: 0x20, deviceType: 0x10, deviceTypeModifier: 0, entityId: 0x0a, entityInstance: 1 },
    });
  });

  it("the BMC's own FRU 0 is skipped (already printed as the built-in FRU)", () => {
    expect(locatorView(locator({ id: 0 }), 0)).toBeUndefined();
  });

  it('device types other than 10h are skipped unless an EEPROM (08h-0Fh) with IPMI FRU inventory (modifier 02h)', () => {
    expect(locatorView(locator({ id: 2, type: 0x02 }), 0)).toBeUndefined();
    expect(locatorView(locator({ id: 2, type: 0x09, modifier: 0x01 }), 0)).toBeUndefined();
    expect(locatorView(locator({ id: 2, type: 0x09, modifier: 0x02 }), 0)).toMatchObject({ status: 'ok' });
  });

  it('DIMM SPD (modifier 01h) and other modifiers: unsupported, with detail under -v', () => {
    expect(locatorView(locator({ id: 3, modifier: 0x01 }), 0)).toMatchObject({ status: 'unsupported', reason: 'Unsupported device' });
    expect(locatorView(locator({ id: 3, modifier: 0x03 }), 1)).toMatchObject({
      status: 'unsupported',
      reason: 'Unsupported device 0x03 type 0x10 with modifier 0x03',
    });
  });

  it('a FRU behind another controller or channel needs bridging', () => {
    expect(locatorView(locator({ id: 4, address: 0x82 }), 0)).toMatchObject({ status: 'bridged' });
    expect(locatorView(locator({ id: 4, channel: 7 }), 0)).toMatchObject({ status: 'bridged' });
  });
});

describe('notesOf: the stderr lines after fru print', () => {
  it('an invalid device: ipmitool\'s line with its leading space (ipmi_fru.c lprintf " Invalid FRU size %d"); the reason itself has none', () => {
    const notes = notesOf([
      { id: 2, source: 'locator', status: 'invalid', reason: 'Invalid FRU size 0' },
      { id: 3, source: 'locator', status: 'invalid', reason: 'Unknown FRU header version 0xff' },
      { id: 4, source: 'locator', status: 'absent', reason: 'No Response' },
    ]);
    expect(notes).toEqual([' Invalid FRU size 0', ' Unknown FRU header version 0xff']);
  });
});
