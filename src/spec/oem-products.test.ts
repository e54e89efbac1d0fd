import { describe, expect, it } from 'vitest';
import { productLabel, productName, unknownName } from './oem-products.js';

describe('product names (ipmitool 1.8.19 ipmi_oem_product_info)', () => {
  it.each([
    [343, 0x000c, 'TSRLT2'],
    [15000, 4000, 'AM4000 AdvancedMC'],
    [10876, 0x0001, 'X8DT3/i/-LN4'],
    [10876, 0xf580, 'X8ST3'],
    [49769, 0x000a, 'TATLIN.UNIFIED Storage Controller BMC'],
    [10297, 0x120e, 'CPCI-1207 Test Board'],
    [4413, 5725, 'BCM5725'],
    [193, 0x0054, 'Phantom'],
    [0xfffffe, 0x1234, 'Great Debuggable BMC'],
  ])('%i / %i → %s', (m, p, name) => {
    expect(productName(m, p)).toBe(name);
  });

  it('where ipmitool lists an ID twice, its first name wins', () => {
    expect(productName(24339, 0x9700)).toBe('aTCA-9700');
    expect(productName(10876, 0x060c)).toBe('X8DTU+');
    expect(productName(10876, 0x061e)).toBe('B8DTT-AI034');
  });

  it('a product is only known for its own manufacturer', () => {
    expect(productName(343, 0x0001)).toBeUndefined();
    expect(productName(4753, 0x5253)).toBeUndefined();
  });

  it('unknown products print as "Unknown (0x%02X)"', () => {
    expect(unknownName(0xb4a)).toBe('Unknown (0xB4A)');
    expect(unknownName(0)).toBe('Unknown (0x00)');
    expect(productLabel(4753, 0x5253)).toBe('Unknown (0x5253)');
    expect(productLabel(343, 0x000c)).toBe('TSRLT2');
  });
});
