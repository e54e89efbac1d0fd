/**
 * pef verbs in process over the shared stub context: the request bytes (IPMI v2.0 §30.1-§30.4) and
 * the text. Replies and expected text are captured from ipmitool 1.8.19 against the project's
 * ipmi_sim (test/sim): its -vvvv request data, the replies read back with `ipmitool raw`.
 */
import { describe, expect, it } from 'vitest';
import { stubContext } from '../../../test/fakes/stub-context.js';

describe('pef info', () => {
  it('PEF capabilities, the table sizes, the system GUID: one line as ipmitool prints it', async () => {
    const s = stubContext({
      // §30.3 parameter 8 (event filter table size): 15 entries; parameter 0Ah (alert string keys, set 0).
      'Get PEF Configuration Parameters': { '080000': { data: '11 0f' }, '0a0000': { data: `11${'00'.repeat(17)}` } },
      // §30.1: version 51h, actions 3Fh (alert, power off, reset, power cycle, OEM, diagnostic interrupt), 16 entries.
      'Get PEF Capabilities': [{ data: '51 3f 10' }],
      'Get System GUID': [{ data: '79 45 dd 59 82 f3 9f 93 44 48 42 db f6 c9 59 f7' }],
    });
    expect(await s.line(['pef', 'info'])).toBe(0);
    // ipmitool's order: table size (parameter 8), capabilities, alert string keys (parameter 0Ah), GUID.
    expect(s.sent.map((x) => `${x.name} ${x.data}`)).toEqual([
      'Get PEF Configuration Parameters 080000',
      'Get PEF Capabilities ',
      'Get PEF Configuration Parameters 0a0000',
      'Get System GUID ',
    ]);
    expect(s.out).toBe(' 0x51 | 16 | 15 | 7945dd59-82f3-9f93-4448-42dbf6c959f7 | Alert,Power-off,Reset,Power-cycle,OEM-defined,Diagnostic-interrupt\n');
  });
});

describe('pef status', () => {
  it("a BMC without Get Last Processed Event ID (C1h): ipmitool's two lines", async () => {
    const s = stubContext({ 'Get Last Processed Event ID': [{ cc: 0xc1 }] });
    expect(await s.line(['pef', 'status'])).not.toBe(0);
    expect(s.sent).toEqual([{ name: 'Get Last Processed Event ID', data: '' }]);
    expect(s.err).toContain(" **Error c1 in 'Last S/W processed ID' command\n");
  });
});
