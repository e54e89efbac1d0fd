import { describe, expect, it } from 'vitest';
import { DeviceError, type IpmiError, TimeoutError } from '../../errors.js';
import { noResponse } from './invoke.js';

describe("noResponse: ipmitool's line for a request that got no answer", () => {
  it("keeps a local driver failure in front of the line (ipmitool open.c prints it, then the caller's line)", () => {
    const e = noResponse(new DeviceError('Unable to send command: Invalid argument', 'EINVAL'), 'Get Device ID command failed') as IpmiError;
    expect(e.layer).toBe('device');
    expect(e.message).toBe('Get Device ID command failed');
    expect(e.preamble).toEqual(['Unable to send command: Invalid argument']);
  });

  it('replaces a network timeout by the line, its text kept for -v only', () => {
    const e = noResponse(new TimeoutError('No response from remote controller', 4), 'Unable to get Chassis Power Status') as IpmiError;
    expect(e.layer).toBe('transport');
    expect(e.message).toBe('Unable to get Chassis Power Status');
    expect(e.preamble).toEqual([]);
    expect(e.detail).toBe('No response from remote controller');
  });

  it('leaves other errors alone', () => {
    const other = new Error('bug');
    expect(noResponse(other, 'x')).toBe(other);
  });
});
