import { describe, expect, it } from 'vitest';
import { destructive } from './fleet.js';

describe('destructive verbs (ask before running them on several hosts)', () => {
  it('names the verb that changes a machine', () => {
    const cases: Array<[string, string | undefined]> = [
      ['power off', 'power off'],
      ['power cycle', 'power cycle'],
      ['power soft', 'power soft'],
      ['power diag', 'power diag'],
      ['chassis power reset', 'chassis power reset'],
      ['chassis bootdev pxe options=efiboot', 'chassis bootdev'],
      ['chassis bootparam set bootflag force_pxe', 'chassis bootparam'],
      ['sel clear', 'sel clear'],
      ['mc reset cold', 'mc reset'],
      ['user set password 3 x', 'user set'],
      ['user disable 3', 'user disable'],
      ['lan set 1 ipsrc dhcp', 'lan set'],
      ['power status', undefined],
      ['power on', undefined],
      ['chassis status', undefined],
      ['chassis bootparam get 5', undefined],
      ['sel list', undefined],
      ['mc info', undefined],
      ['user list 1', undefined],
      ['lan print 1', undefined],
      ['raw 0x06 0x01', undefined],
    ];
    for (const [cmd, want] of cases) expect(destructive(cmd.split(' ')), cmd).toBe(want);
  });
});
