/**
 * MD2 (RFC 1319), needed only for the IPMI v1.5 "MD2" authentication type.
 * This is the one primitive not taken from node:crypto: OpenSSL 3 (which node
 * links) is built without MD2, and no maintained npm package hashes binary
 * input with it. Checked against the RFC 1319 test suite and a real MD2 login.
 */

/** The substitution table from RFC 1319 §3.2 (a permutation of 0..255 built from the digits of pi). */
const PI_SUBST = Uint8Array.from([
  41, 46, 67, 201, 162, 216, 124, 1, 61, 54, 84, 161, 236, 240, 6, 19, 98, 167, 5, 243, 192, 199, 115, 140, 152,
  147, 43, 217, 188, 76, 130, 202, 30, 155, 87, 60, 253, 212, 224, 22, 103, 66, 111, 24, 138, 23, 229, 18, 190, 78,
  196, 214, 218, 158, 222, 73, 160, 251, 245, 142, 187, 47, 238, 122, 169, 104, 121, 145, 21, 178, 7, 63, 148, 194,
  16, 137, 11, 34, 95, 33, 128, 127, 93, 154, 90, 144, 50, 39, 53, 62, 204, 231, 191, 247, 151, 3, 255, 25, 48, 179,
  72, 165, 181, 209, 215, 94, 146, 42, 172, 86, 170, 198, 79, 184, 56, 210, 150, 164, 125, 182, 118, 252, 107, 226,
  156, 116, 4, 241, 69, 157, 112, 89, 100, 113, 135, 32, 134, 91, 207, 101, 230, 45, 168, 2, 27, 96, 37, 173, 174,
  176, 185, 246, 28, 70, 97, 105, 52, 64, 126, 15, 85, 71, 163, 35, 221, 81, 175, 58, 195, 92, 249, 206, 186, 197,
  234, 38, 44, 83, 13, 110, 133, 40, 132, 9, 211, 223, 205, 244, 65, 129, 77, 82, 106, 220, 55, 200, 108, 193, 171,
  250, 36, 225, 123, 8, 12, 189, 177, 74, 120, 136, 149, 139, 227, 99, 232, 109, 233, 203, 213, 254, 59, 0, 29, 57,
  242, 239, 183, 14, 102, 88, 208, 228, 166, 119, 114, 248, 235, 117, 75, 10, 49, 68, 80, 180, 143, 237, 31, 26, 219,
  153, 141, 51, 159, 17, 131, 20,
]);

export function md2(message: Uint8Array): Buffer {
  // Step 1: pad to a multiple of 16 with `i` bytes of value `i` (RFC 1319 §3.1).
  const padLen = 16 - (message.length % 16);
  const padded = new Uint8Array(message.length + padLen + 16);
  padded.set(message);
  padded.fill(padLen, message.length, message.length + padLen);
  const dataLen = message.length + padLen;

  // Step 2: append the 16-byte checksum (§3.2).
  const checksum = padded.subarray(dataLen);
  let last = 0;
  for (let block = 0; block < dataLen; block += 16) {
    for (let j = 0; j < 16; j++) {
      checksum[j]! ^= PI_SUBST[padded[block + j]! ^ last]!;
      last = checksum[j]!;
    }
  }

  // Steps 3-4: process 16-byte blocks through the 48-byte state (§3.3-3.4).
  const x = new Uint8Array(48);
  for (let block = 0; block < padded.length; block += 16) {
    for (let j = 0; j < 16; j++) {
      x[16 + j] = padded[block + j]!;
      x[32 + j] = x[16 + j]! ^ x[j]!;
    }
    let t = 0;
    for (let round = 0; round < 18; round++) {
      for (let k = 0; k < 48; k++) {
        x[k]! ^= PI_SUBST[t]!;
        t = x[k]!;
      }
      t = (t + round) & 0xff;
    }
  }
  return Buffer.from(x.subarray(0, 16));
}
