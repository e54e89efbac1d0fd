// @ts-check
/**
 * Damaged replies: what a broken network, a broken BMC or an attacker on the path may deliver
 * instead of (or before) a genuine BMC reply. Each kind is named so the report can count it.
 *
 *   flip:<region>   one bit flipped inside a region of the datagram (RMCP header, auth type,
 *                   payload type, session id, sequence number, length, payload/message, trailer
 *                   or v1.5 auth code)
 *   truncate        cut short at a random length      extend    random bytes appended
 *   random          random bytes, random length       empty     a zero-length datagram
 *   other-session   the reply with another session id
 *   tamper          one bit flipped in the part an integrity check covers (payload, trailer, auth code)
 *   replay          an earlier reply of the same run delivered again (stale sequence number)
 *   forge:*         (unauthenticated sessions only: -C 0, -A NONE) the IPMI message rewritten
 *                   with valid checksums: completion code, a data byte, data cut or grown, an SDR
 *                   record length of 255, a FRU byte count larger than the data. What a BMC
 *                   "says" this way is not an error the client can see; these runs count
 *                   crashes, hangs and undocumented exit codes only.
 */

/** Byte ranges of the fields of an RMCP+ or IPMI v1.5 datagram. @param {Buffer} p */
function regions(p) {
  /** @type {Record<string, [number, number]>} */
  const r = { rmcp: [0, Math.min(4, p.length)] };
  if (p.length < 5) return r;
  r.auth = [4, 5];
  if (p[4] === 0x06) {
    r.ptype = [5, 6];
    r.sid = [6, 10];
    r.seq = [10, 14];
    r.len = [14, 16];
    if (p.length < 16) return r;
    const len = p.readUInt16LE(14);
    const end = Math.min(p.length, 16 + len);
    r.payload = [16, end];
    if (end < p.length) r.trailer = [end, p.length];
    return r;
  }
  r.seq = [5, 9];
  r.sid = [9, 13];
  let at = 13;
  if (p[4] !== 0) {
    r.authcode = [13, 29];
    at = 29;
  }
  if (p.length > at) {
    r.len = [at, at + 1];
    r.payload = [at + 1, p.length];
  }
  return r;
}

/** Where the IPMI message sits, when the datagram carries one in the clear. @param {Buffer} p */
function ipmiMessageAt(p) {
  const r = regions(p);
  if (!r.payload) return undefined;
  if (p[4] === 0x06) {
    // payload type 0 (IPMI), neither encrypted nor authenticated
    if ((p[5] & 0xff) !== 0x00) return undefined;
  } else if (p[4] !== 0x00) return undefined;
  const [s, e] = r.payload;
  return e - s >= 8 ? { start: s, end: e } : undefined;
}

const sum = (/** @type {Buffer} */ b) => -b.reduce((a, x) => a + x, 0) & 0xff;

/** Rebuild the datagram around a new IPMI message, lengths and checksums valid. */
function withMessage(/** @type {Buffer} */ p, /** @type {{start:number,end:number}} */ at, /** @type {Buffer} */ msg) {
  const h = msg.subarray(0, 2);
  msg[2] = sum(Buffer.from(h));
  msg[msg.length - 1] = sum(Buffer.from(msg.subarray(3, msg.length - 1)));
  const head = Buffer.from(p.subarray(0, at.start));
  if (p[4] === 0x06) head.writeUInt16LE(msg.length, 14);
  else head[head.length - 1] = msg.length;
  return Buffer.concat([head, msg, p.subarray(at.end)]);
}

const KINDS = ['flip', 'truncate', 'extend', 'random', 'empty', 'other-session', 'replay'];
const FORGE_KINDS = ['forge:cc', 'forge:byte', 'forge:short', 'forge:long', 'forge:sdr-length', 'forge:fru-count'];

/**
 * A damager for one run: with probability `rate` a reply is damaged; then the damaged copy is
 * delivered alone (the genuine reply lost) or before the genuine one, half and half.
 * @param {{ rate: number, forge?: boolean, kinds?: readonly string[], tally: Map<string, number>, state?: { forged: number } }} o
 */
export function makeDamager(o) {
  /** @type {Buffer[]} */
  const seen = [];
  const pick = (/** @type {() => number} */ rnd, /** @type {readonly string[]} */ list) => list[Math.floor(rnd() * list.length)];
  /** @param {Buffer} pkt @param {() => number} rnd @returns {Buffer[]} */
  return (pkt, rnd) => {
    seen.push(pkt);
    if (rnd() >= o.rate) return [pkt];
    const kinds = o.kinds ?? (o.forge && ipmiMessageAt(pkt) ? [...KINDS, ...FORGE_KINDS, ...FORGE_KINDS] : KINDS);
    let kind = pick(rnd, kinds);
    const bad = damage(kind, pkt, rnd, seen);
    if (!bad) return [pkt];
    if (kind === 'flip' || kind === 'tamper') kind = `${kind}:${bad.region}`;
    o.tally.set(kind, (o.tally.get(kind) ?? 0) + 1);
    if (kind.startsWith('forge') && o.state) o.state.forged++;
    return rnd() < 0.5 ? [bad.pkt] : [bad.pkt, pkt];
  };
}

/**
 * @param {string} kind @param {Buffer} pkt @param {() => number} rnd @param {Buffer[]} seen
 * @returns {{ pkt: Buffer, region?: string } | undefined}
 */
function damage(kind, pkt, rnd, seen) {
  const int = (/** @type {number} */ n) => Math.floor(rnd() * n);
  const bytes = (/** @type {number} */ n) => Buffer.from(Array.from({ length: n }, () => int(256)));
  switch (kind) {
    case 'flip': {
      const r = regions(pkt);
      const names = Object.keys(r).filter((k) => r[k][1] > r[k][0]);
      const region = names[int(names.length)];
      const [s, e] = r[region];
      const out = Buffer.from(pkt);
      out[s + int(e - s)] ^= 1 << int(8);
      return { pkt: out, region };
    }
    case 'tamper': {
      const r = regions(pkt);
      const names = ['payload', 'trailer', 'authcode'].filter((k) => r[k] && r[k][1] > r[k][0]);
      if (!names.length) return undefined;
      const region = names[int(names.length)];
      const [s, e] = r[region];
      const out = Buffer.from(pkt);
      out[s + int(e - s)] ^= 1 << int(8);
      return { pkt: out, region };
    }
    case 'truncate':
      return pkt.length > 1 ? { pkt: Buffer.from(pkt.subarray(0, int(pkt.length))) } : undefined;
    case 'extend':
      return { pkt: Buffer.concat([pkt, bytes(1 + int(64))]) };
    case 'random':
      return { pkt: bytes(1 + int(200)) };
    case 'empty':
      return { pkt: Buffer.alloc(0) };
    case 'other-session': {
      const r = regions(pkt);
      if (!r.sid) return undefined;
      const out = Buffer.from(pkt);
      out.writeUInt32LE((out.readUInt32LE(r.sid[0]) ^ (1 + int(0xfffffffe))) >>> 0, r.sid[0]);
      return { pkt: out };
    }
    case 'replay': {
      const old = seen.slice(0, -1);
      return old.length ? { pkt: Buffer.from(old[int(old.length)]) } : undefined;
    }
    default:
      return forge(kind, pkt, int);
  }
}

/** @param {string} kind @param {Buffer} pkt @param {(n: number) => number} int */
function forge(kind, pkt, int) {
  const at = ipmiMessageAt(pkt);
  if (!at) return undefined;
  const msg = Buffer.from(pkt.subarray(at.start, at.end));
  // rqAddr netFn chk rsAddr rqSeq cmd cc data... chk
  const netFn = msg[1] >> 2;
  const cmd = msg[5];
  const dataAt = 7;
  const dataLen = msg.length - 1 - dataAt;
  let out = msg;
  switch (kind) {
    case 'forge:cc':
      out[6] = [0xc0, 0xc1, 0xc3, 0xc5, 0xc7, 0xc9, 0xcb, 0xcc, 0xce, 0xd4, 0xd5, 0xff, 0x80, 0x81][int(14)];
      break;
    case 'forge:byte':
      if (dataLen < 1) return undefined;
      out[dataAt + int(dataLen)] = int(256);
      break;
    case 'forge:short':
      if (dataLen < 1) return undefined;
      out = Buffer.concat([msg.subarray(0, dataAt + int(dataLen)), Buffer.alloc(1)]);
      break;
    case 'forge:long':
      out = Buffer.concat([msg.subarray(0, msg.length - 1), Buffer.from(Array.from({ length: 1 + int(40) }, () => int(256))), Buffer.alloc(1)]);
      break;
    case 'forge:sdr-length':
      // Get SDR (netFn storage response 0x0b, cmd 0x23): next id (2), then record bytes; at offset 0 the 5th is the length
      if (netFn !== 0x0b || cmd !== 0x23 || dataLen < 7) return undefined;
      out[dataAt + 6] = 0xff;
      break;
    case 'forge:fru-count':
      // Read FRU Data (0x0b, 0x11): count returned, then the data
      if (netFn !== 0x0b || cmd !== 0x11 || dataLen < 1) return undefined;
      out[dataAt] = Math.min(255, dataLen + 1 + int(100));
      break;
    default:
      return undefined;
  }
  return { pkt: withMessage(pkt, at, out), region: kind };
}
