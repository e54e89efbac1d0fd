/**
 * sol renderers: the --json documents of `sol info` and `sol payload status`
 * (docs/json.md), for a BMC with every parameter (ipmi_sim lacks five, and Get
 * User Payload Access), and the text ipmitool 1.8.19 prints for the same data
 * (lib/ipmi_sol.c printf formats).
 */
import { describe, expect, it } from 'vitest';
import type { SolConfig } from '../commands/sol/config.js';
import { renderers } from './sol.js';

const full: SolConfig = {
  channel: 1,
  setInProgress: 0,
  enabled: true,
  forceEncryption: true,
  forceAuthentication: false,
  privilegeLevel: 3,
  characterAccumulateLevel: 12,
  characterSendThreshold: 60,
  retryCount: 7,
  retryInterval: 50,
  nonVolatileBitRate: 10,
  volatileBitRate: 6,
  payloadChannel: 1,
  payloadPort: 623,
  unsupported: [],
};

describe('sol info', () => {
  it('json: every parameter, with units (ms) applied', () => {
    expect(renderers['sol.info'].json!(full)).toEqual({
      channel: 1,
      setInProgress: 'set-complete',
      enabled: true,
      forceEncryption: true,
      forceAuthentication: false,
      privilegeLevel: 'OPERATOR',
      privilegeLevelCode: 3,
      characterAccumulateLevelMs: 60,
      characterSendThreshold: 60,
      retryCount: 7,
      retryIntervalMs: 500,
      nonVolatileBitRate: '115.2',
      volatileBitRate: '9.6',
      payloadChannel: 1,
      payloadPort: 623,
      unsupportedParameters: [],
    });
  });
  it('json: unsupported parameters are null and listed', () => {
    const d = renderers['sol.info'].json!({ ...full, unsupported: [2, 4] }) as Record<string, unknown>;
    expect(d).toMatchObject({
      forceEncryption: null,
      privilegeLevel: null,
      retryCount: null,
      retryIntervalMs: null,
      characterSendThreshold: 60,
      unsupportedParameters: [2, 4],
    });
  });
  it("text: ipmitool's layout", () => {
    expect(renderers['sol.info'].text(full)).toBe(
      [
        'Set in progress                 : set-complete',
        'Enabled                         : true',
        'Force Encryption                : true',
        'Force Authentication            : false',
        'Privilege Level                 : OPERATOR',
        'Character Accumulate Level (ms) : 60',
        'Character Send Threshold        : 60',
        'Retry Count                     : 7',
        'Retry Interval (ms)             : 500',
        'Volatile Bit Rate (kbps)        : 9.6',
        'Non-Volatile Bit Rate (kbps)    : 115.2',
        'Payload Channel                 : 1 (0x01)',
        'Payload Port                    : 623',
        '',
      ].join('\n'),
    );
  });
});

describe('sol payload status', () => {
  it('text; the json document is the data as is (no json renderer)', () => {
    const d = { action: 'status' as const, channel: 1, userId: 4, enabled: false };
    expect('json' in renderers['sol.payload']).toBe(false);
    expect(renderers['sol.payload'].text(d)).toBe('User 4 on channel 1 is disabled\n');
  });
});
