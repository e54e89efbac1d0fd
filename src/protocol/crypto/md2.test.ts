import { describe, expect, it } from 'vitest';
import { loadVectors } from '../../../test/unit/vectors.js';
import { md2 } from './md2.js';

// RFC 1319 §A.5 test suite.
const RFC1319: [string, string][] = [
  ['', '8350e5a3e24c153df2275c9f80692773'],
  ['a', '32ec01ec4a6dac72c0ab96fb34c0b5d1'],
  ['abc', 'da853b0d3f88d99b30283a69e6ded6bb'],
  ['message digest', 'ab4f496bfb2a530b219ff33031fe06b0'],
  ['abcdefghijklmnopqrstuvwxyz', '4e8ddff3650292ab5a4108c3aa47940b'],
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'da33def2a42df13975352846c30338cd'],
  ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', 'd5976f79d83d3a0dc9806c3c66f3efd8'],
];

const vectors = loadVectors<{ computed: { vectors: { input_hex: string; md2_hex: string }[] } }>('md2.json');

describe('MD2 (RFC 1319)', () => {
  it.each(RFC1319)('md2(%j)', (input, digest) => {
    expect(md2(Buffer.from(input, 'latin1')).toString('hex')).toBe(digest);
  });

  it('hashes binary input (bytes >= 0x80), as IPMI auth codes need', () => {
    const input = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff));
    const out = md2(input);
    expect(out).toHaveLength(16);
    // Stable, and different from the UTF-8 interpretation of the same bytes.
    expect(md2(input).equals(out)).toBe(true);
    expect(md2(Buffer.from(input.toString('utf8'))).equals(out)).toBe(false);
  });

  it.each(vectors.computed.vectors.map((v): [string, string] => [v.input_hex, v.md2_hex]))('binary vector %s from test/vectors/md2.json', (input, digest) => {
    expect(md2(Buffer.from(input, 'hex')).toString('hex')).toBe(digest);
  });
});
