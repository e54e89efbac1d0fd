/**
 * user verbs in process over the shared stub context: the request bytes (IPMI v2.0 §22.26-§22.30)
 * and the text. Replies and expected text are captured from ipmitool 1.8.19 against the project's
 * ipmi_sim (test/sim): its -vvvv request data, the replies read back with `ipmitool raw`.
 */
import { describe, expect, it } from 'vitest';
import { stubContext } from '../../../test/fakes/stub-context.js';

describe('user summary', () => {
  it('Get User Access for user 1 on the channel: the counts of bytes 1-3', async () => {
    // §22.27: 63 user IDs (3Fh), 6 enabled, 1 fixed name; user 1 is USER (2) with IPMI messaging (10h).
    const s = stubContext({ 'Get User Access': [{ data: '3f 06 01 12' }] });
    expect(await s.line(['user', 'summary', '1'])).toBe(0);
    expect(s.sent).toEqual([{ name: 'Get User Access', data: '0101' }]);
    expect(s.out).toBe('Maximum IDs\t    : 63\nEnabled User Count  : 6\nFixed Name Count    : 1\n');
  });
});

describe('user set', () => {
  it('name: Set User Name with the name NUL-padded to 16 bytes (§22.28), nothing printed', async () => {
    const s = stubContext({ 'Set User Name': [{}] });
    expect(await s.line(['user', 'set', 'name', '8', 'newname'])).toBe(0);
    expect(s.sent).toEqual([{ name: 'Set User Name', data: `08${Buffer.from('newname').toString('hex')}${'00'.repeat(9)}` }]);
    expect(s.out).toBe('');
  });

  it('password: Set User Password operation 02h (set), 16 bytes (§22.30)', async () => {
    const s = stubContext({ 'Set User Password': [{}] });
    expect(await s.line(['user', 'set', 'password', '8', 'secret8'])).toBe(0);
    expect(s.sent).toEqual([{ name: 'Set User Password', data: `0802${Buffer.from('secret8').toString('hex')}${'00'.repeat(9)}` }]);
    expect(s.out).toBe('Set User Password command successful (user 8)\n');
  });

  it('enable: Set User Password operation 01h with an empty password field', async () => {
    const s = stubContext({ 'Set User Password': [{}] });
    expect(await s.line(['user', 'enable', '8'])).toBe(0);
    expect(s.sent).toEqual([{ name: 'Set User Password', data: `0801${'00'.repeat(16)}` }]);
    expect(s.out).toBe('');
  });
});

describe('user priv', () => {
  it('Set User Access (§22.26): channel 1, user 8, OPERATOR (3)', async () => {
    const s = stubContext({ 'Set User Access': [{}] });
    expect(await s.line(['user', 'priv', '8', '3', '1'])).toBe(0);
    expect(s.sent).toEqual([{ name: 'Set User Access', data: '01080300' }]);
    expect(s.out).toBe('Set Privilege Level command successful (user 8)\n');
  });

  it('a privilege level out of range is refused before anything is sent', async () => {
    const s = stubContext();
    expect(await s.line(['user', 'priv', '8', '9', '1'])).not.toBe(0);
    expect(s.sent).toEqual([]);
  });
});
