/**
 * The crypto seam's contract: known answers (RFC 2202, RFC 4231, FIPS 180 / RFC 1321, NIST SP 800-38A F.2.1-2)
 * for every implementation the runtime has: node:crypto's, and Bun's natives under `bun test`. The last case
 * runs this file and the RMCP+ session vectors under Bun, so the Bun executable's crypto is checked by `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bunPrimitives, switchingAes, webCryptoAesCbc } from './bun.js';
import { nodePrimitives } from './node.js';
import { cipherAesCbc, systemPrimitives, type AesCbc, type CryptoPrimitives } from './primitives.js';

const hex = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');
const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
const underBun = 'Bun' in globalThis;

const impls: [string, CryptoPrimitives][] = [['node:crypto', nodePrimitives]];
const bun = bunPrimitives();
if (bun) impls.push(['Bun natives', bun]);
// Web Crypto's AES-CBC (Bun's) under Node too, with node:crypto's other primitives.
else impls.push(['Web Crypto AES', { ...nodePrimitives, ...webCryptoAesCbc() }]);

describe.each(impls)('%s', (_, p) => {
  it('HMAC: RFC 2202 and RFC 4231 test case 2 (key "Jefe"), the data given in parts', () => {
    const data = ['what do ya ', 'want ', 'for nothing?'].map(ascii);
    expect(p.hmac('sha1', ascii('Jefe'), ...data).toString('hex')).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    expect(p.hmac('md5', ascii('Jefe'), ...data).toString('hex')).toBe('750c783e6ab0b503eaa86e310a5db738');
    expect(p.hmac('sha256', ascii('Jefe'), ...data).toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('HMAC with a key longer than the block (RFC 2202 case 6: 80 bytes of 0xaa)', () => {
    const key = Buffer.alloc(80, 0xaa);
    const data = ascii('Test Using Larger Than Block-Size Key - Hash Key First');
    expect(p.hmac('sha1', key, data).toString('hex')).toBe('aa4ae5e15272d00e95705637ce8a3b55ed402112');
    expect(p.hmac('md5', key, data).toString('hex')).toBe('6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd');
  });

  it('hashes of "abc" (FIPS 180-4, RFC 1321), the data given in parts', () => {
    expect(p.hash('md5', ascii('a'), ascii('bc')).toString('hex')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(p.hash('sha1', ascii('ab'), ascii('c')).toString('hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(p.hash('sha256', ascii('abc')).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('AES-128-CBC without padding: NIST SP 800-38A F.2.1 (encrypt) and F.2.2 (decrypt)', async () => {
    const key = hex('2b7e151628aed2a6abf7158809cf4f3c');
    const iv = hex('000102030405060708090a0b0c0d0e0f');
    const plain = hex(`6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51
                       30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710`);
    const cipher = hex(`7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2
                        73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7`);
    expect((await p.aes128CbcEncrypt(key, iv, plain)).toString('hex')).toBe(cipher.toString('hex'));
    expect((await p.aes128CbcDecrypt(key, iv, cipher)).toString('hex')).toBe(plain.toString('hex'));
    // One block: no padding block added or expected.
    expect((await p.aes128CbcEncrypt(key, iv, plain.subarray(0, 16))).toString('hex')).toBe('7649abac8119b246cee98e9b12e9197d');
    expect((await p.aes128CbcDecrypt(key, iv, cipher.subarray(0, 16))).toString('hex')).toBe('6bc1bee22e409f96e93d7e117393172a');
    // Blocks 2-3 alone, block 1 as their IV (CBC's chaining); views into larger buffers.
    expect((await p.aes128CbcDecrypt(key, cipher.subarray(0, 16), cipher.subarray(16, 48))).toString('hex')).toBe(plain.subarray(16, 48).toString('hex'));
    expect((await p.aes128CbcEncrypt(key, cipher.subarray(0, 16), plain.subarray(16, 48))).toString('hex')).toBe(cipher.subarray(16, 48).toString('hex'));
    // Plaintext that is itself a whole PKCS#7 pad block comes back whole.
    const pad = Buffer.alloc(32, 0x10);
    expect((await p.aes128CbcDecrypt(key, iv, await p.aes128CbcEncrypt(key, iv, pad))).equals(pad)).toBe(true);
    await expect(p.aes128CbcEncrypt(key, iv, plain.subarray(0, 15))).rejects.toThrow();
  });

  it('equal: same bytes, one byte off, other lengths', () => {
    expect(p.equal(hex('00112233'), hex('00112233'))).toBe(true);
    expect(p.equal(hex('00112233'), hex('00112234'))).toBe(false);
    expect(p.equal(hex('00112233'), hex('001122'))).toBe(false);
    expect(p.equal(hex(''), hex(''))).toBe(true);
  });
});

describe('switchingAes (the Bun executable: Web Crypto first, node:crypto after a number of operations)', () => {
  const key = hex('2b7e151628aed2a6abf7158809cf4f3c');
  const iv = hex('000102030405060708090a0b0c0d0e0f');
  const block = hex('6bc1bee22e409f96e93d7e117393172a');
  const want = '7649abac8119b246cee98e9b12e9197d'; // SP 800-38A F.2.1, block 1

  it('runs `first` for the first N operations, then loads `later` once and keeps it; the same bytes either way', async () => {
    const used: string[] = [];
    let loads = 0;
    const counted = (name: string, aes: AesCbc): AesCbc => ({
      aes128CbcEncrypt: (k, i, d) => {
        used.push(name);
        return aes.aes128CbcEncrypt(k, i, d);
      },
      aes128CbcDecrypt: (k, i, d) => {
        used.push(name);
        return aes.aes128CbcDecrypt(k, i, d);
      },
    });
    const node = cipherAesCbc(await import('node:crypto'));
    const later = (): AesCbc => {
      loads++;
      return counted('node', node);
    };
    const aes = switchingAes(counted('web', webCryptoAesCbc()), later, 3);
    const got: string[] = [];
    for (let n = 0; n < 6; n++) {
      const c = await aes.aes128CbcEncrypt(key, iv, block);
      got.push(c.toString('hex'));
      expect((await aes.aes128CbcDecrypt(key, iv, c)).equals(block)).toBe(true);
    }
    expect(got).toEqual(Array(6).fill(want));
    expect(used).toEqual([...Array(3).fill('web'), ...Array(9).fill('node')]);
    expect(loads).toBe(1);
  });
});

describe('systemPrimitives', () => {
  it('is node:crypto under Node, Bun natives under Bun (for AES too)', async () => {
    const p = await systemPrimitives();
    if (underBun) expect(p).not.toBe(nodePrimitives);
    else expect(p).toBe(nodePrimitives);
    expect(bun === undefined).toBe(!underBun);
  });
});

if (!underBun) {
  describe('under Bun (the runtime of dist/ipmits)', () => {
    it('this contract and the RMCP+ and IPMI v1.5 session vectors pass with Bun natives', () => {
      const bunExe = ['node_modules/bun/bin/bun.exe', 'node_modules/.bin/bun'].find((b) => existsSync(b));
      expect(bunExe, 'the pinned bun devDependency (npm ci)').toBeDefined();
      const files = ['src/primitives/primitives.test.ts', 'src/session/lanplus.vectors.test.ts', 'src/session/lan15.vectors.test.ts'];
      const r = spawnSync(bunExe!, ['test', ...files], { encoding: 'utf8', timeout: 60_000 });
      const out = `${r.stdout}${r.stderr}`;
      expect(r.status, out).toBe(0);
      expect(out).toMatch(/\(pass\) Bun natives > AES-128-CBC/);
      expect(out).toMatch(/ 0 fail/);
    }, 70_000);
  });
}
