import { describe, expect, it } from 'vitest';
import { haveFile, haveProgram, missing } from './peers.js';

describe('peers: a missing peer skips locally and fails in CI', () => {
  it('a present peer never skips', () => {
    expect(missing(true, 'ipmitool', {})).toBe(false);
    expect(missing(true, 'ipmitool', { CI: 'true' })).toBe(false);
  });

  it('a missing peer skips outside CI', () => {
    expect(missing(false, 'ipmitool', {})).toBe(true);
  });

  it('a missing peer is an error with CI set, naming the peer', () => {
    expect(() => missing(false, 'ipmitool', { CI: 'true' })).toThrow('CI: ipmitool is missing');
    expect(() => missing(false, 'FreeIPMI', { CI: '1' })).toThrow(/FreeIPMI/);
  });

  it('finds programs and files', () => {
    expect(haveProgram('sh')).toBe(true);
    expect(haveProgram('no-such-program-ipmits')).toBe(false);
    expect(haveFile('/')).toBe(true);
    expect(haveFile('/no/such/file')).toBe(false);
  });
});
