/**
 * Whole RMCP+ sessions replayed through the handshake and session machines:
 * sessions captured between real clients (ipmitool, FreeIPMI) and BMCs, and
 * vectors computed independently (python hmac/hashlib + openssl), see test/vectors/README.md.
 * Every HMAC, key, IV-fixed ciphertext and integrity code is a known answer here.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, loadVectors } from '../../test/unit/vectors.js';
import { decodeRmcpPlus } from '../protocol/rmcpplus/packet.js';
import { LanplusHandshake, type LanplusCredentials } from './lanplus-handshake.js';
import { LanplusSession, isRejection } from './lanplus-session.js';
import { systemPrimitives } from '../primitives/primitives.js';

/** The crypto of the runtime the test runs under: node:crypto under vitest, Bun's natives under `bun test`. */
const primitives = await systemPrimitives();

interface Inputs {
  username_hex: string;
  kuid_hex: string;
  kg_hex: string | null;
  role_hex: string;
}
interface Session {
  sidm_hex: string;
  sidc_hex: string;
  rm_hex: string;
}
interface Derived {
  sik_hex: string;
  k1_hex: string;
  k2_hex: string;
  rakp2_auth_code_hex: string;
  rakp3_auth_code_hex: string;
}
interface Fields {
  session_seq: number;
  encrypted?: boolean;
  confidentiality?: { iv_hex: string; plaintext_hex: string };
  payload_hex: string;
  ipmi_message?: { hex: string };
}
interface Packet {
  dir: string;
  name: string;
  hex: string;
  fields: Fields;
  first_session_request?: boolean;
}
interface CapturedSession {
  provenance: { client?: string } & Record<string, unknown>;
  cipher_suite: { id: number };
  inputs: Inputs;
  session: Session;
  derived: Derived;
  packets: Packet[];
}

const u32le = (h: string): number => bytes(h).readUInt32LE(0);

function credentials(i: Inputs): LanplusCredentials {
  const role = parseInt(i.role_hex, 16);
  return {
    username: bytes(i.username_hex),
    kuid: bytes(i.kuid_hex),
    kg: i.kg_hex ? Buffer.concat([bytes(i.kg_hex), Buffer.alloc(20)]).subarray(0, 20) : Buffer.alloc(20),
    privilege: role & 0x0f,
    nameOnlyLookup: (role & 0x10) !== 0,
  };
}

/** A random source that hands out the given byte strings in order. */
function scripted(...chunks: Buffer[]): (n: number) => Buffer {
  return (n) => {
    const c = chunks.shift();
    if (!c || c.length !== n) throw new Error(`unexpected random(${n})`);
    return c;
  };
}

const payloadOf = (p: Packet): Buffer => decodeRmcpPlus(bytes(p.hex), 0).payload;
/** Payloads equal apart from the message tag (ipmitool sends 0, ipmits counts up). */
const withoutTag = (b: Buffer): string => b.subarray(1).toString('hex');

async function replay(v: CapturedSession): Promise<void> {
  const find = (name: string): Packet => {
    const p = v.packets.find((x) => x.name === name);
    if (!p) throw new Error(`no ${name} packet`);
    return p;
  };
  const hs = new LanplusHandshake(v.cipher_suite.id, credentials(v.inputs), u32le(v.session.sidm_hex), scripted(bytes(v.session.rm_hex)), primitives);

  const openReq = payloadOf(find('RMCP+ Open Session Request'));
  const ours = hs.openSessionRequest();
  // Byte 1 is the requested maximum privilege: ipmitool asks for 0 ("highest"), as ipmits does; FreeIPMI asks for 4.
  expect(ours.subarray(2).toString('hex')).toBe(openReq.subarray(2).toString('hex'));
  hs.acceptOpenSessionResponse(payloadOf(find('RMCP+ Open Session Response')));

  expect(withoutTag(hs.rakp1())).toBe(withoutTag(payloadOf(find('RAKP Message 1'))));
  hs.acceptRakp2(payloadOf(find('RAKP Message 2'))); // throws on a wrong RAKP 2 HMAC
  const rakp3 = hs.rakp3();
  expect(withoutTag(rakp3)).toBe(withoutTag(payloadOf(find('RAKP Message 3'))));
  expect(rakp3.subarray(8).toString('hex')).toBe(v.derived.rakp3_auth_code_hex ?? ''); // suite 0: none
  const est = hs.acceptRakp4(payloadOf(find('RAKP Message 4')));
  // Suite 0 (authentication "none") derives no keys.
  expect(est.keys.sik.toString('hex')).toBe(v.derived.sik_hex ?? '');
  expect(est.keys.k1.toString('hex')).toBe(v.derived.k1_hex ?? '');
  expect(est.keys.k2.toString('hex')).toBe(v.derived.k2_hex ?? '');

  // In session: sealing the first request with its IV and sequence number gives the captured packet.
  const first = v.packets.find((p) => p.first_session_request) ?? v.packets.find((p) => p.dir === 'console->bmc' && p.fields.session_seq > 0)!;
  const iv = first.fields.confidentiality ? [bytes(first.fields.confidentiality.iv_hex)] : [];
  const session = new LanplusSession(est, scripted(...iv), primitives, first.fields.session_seq);
  const plaintext = bytes(first.fields.confidentiality?.plaintext_hex ?? first.fields.ipmi_message!.hex);
  expect((await session.seal(0, plaintext)).toString('hex')).toBe(first.hex);

  // Every reply from the BMC opens (integrity checked, decrypted) to its captured IPMI message.
  const replies = v.packets.filter((p) => p.dir === 'bmc->console' && p.fields.session_seq > 0 && p.fields.ipmi_message);
  expect(replies.length).toBeGreaterThan(0);
  for (const r of replies) {
    const opened = await session.open(bytes(r.hex));
    if (isRejection(opened)) throw new Error(`${r.name}: ${opened.rejected}`);
    expect(opened.payload.toString('hex')).toBe(r.fields.ipmi_message!.hex);
  }
  // A replayed reply is refused by the window; a flipped bit by the integrity check (when there is one).
  const again = await session.open(bytes(replies[0]!.hex));
  expect(isRejection(again)).toBe(true);
}

const DIR = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../../test/vectors');
const captured = readdirSync(DIR).filter((f) => /^lanplus-suite.*\.json$/.test(f));

describe('RMCP+ sessions captured between real clients and BMCs', () => {
  it('has captures for every supported suite', () => {
    const suites = new Set(captured.map((f) => loadVectors<CapturedSession>(f).cipher_suite.id));
    for (const id of [0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17]) expect(suites, `suite ${id}`).toContain(id);
  });
  it.each(captured)('%s', async (file) => {
    await replay(loadVectors<CapturedSession>(file));
  });
});

interface ComputedVector {
  name: string;
  cipher_suite: { id: number };
  inputs: Inputs & { sidm_hex: string; rm_hex: string };
  derived: Derived & { rakp4_icv_hex: string };
  packets: Record<string, string> & {
    first_request: { packet_hex: string; session_seq: number; confidentiality?: { iv_hex: string }; ipmi_message_hex: string };
    first_response: { packet_hex: string; ipmi_message_hex: string };
  };
}

describe('RMCP+ vectors computed independently (python hmac/hashlib, openssl enc)', () => {
  const computed = loadVectors<{ vectors: ComputedVector[] }>('lanplus-computed.json').vectors;
  it.each(computed.map((v) => [v.name, v] as const))('%s', async (_, v) => {
    const pkt = (h: string): Buffer => decodeRmcpPlus(bytes(h), 0).payload;
    const hs = new LanplusHandshake(v.cipher_suite.id, credentials(v.inputs), u32le(v.inputs.sidm_hex), scripted(bytes(v.inputs.rm_hex)), primitives);
    expect(hs.openSessionRequest().subarray(1).toString('hex')).toBe(pkt(v.packets.open_session_request_hex!).subarray(1).toString('hex'));
    hs.acceptOpenSessionResponse(pkt(v.packets.open_session_response_hex!));
    expect(withoutTag(hs.rakp1())).toBe(withoutTag(pkt(v.packets.rakp1_hex!)));
    hs.acceptRakp2(pkt(v.packets.rakp2_hex!));
    expect(hs.rakp3().subarray(8).toString('hex')).toBe(v.derived.rakp3_auth_code_hex);
    const est = hs.acceptRakp4(pkt(v.packets.rakp4_hex!));
    expect([est.keys.sik, est.keys.k1, est.keys.k2].map((k) => k.toString('hex'))).toEqual([v.derived.sik_hex, v.derived.k1_hex, v.derived.k2_hex]);
    const fr = v.packets.first_request;
    const session = new LanplusSession(est, scripted(...(fr.confidentiality ? [bytes(fr.confidentiality.iv_hex)] : [])), primitives, fr.session_seq);
    expect((await session.seal(0, bytes(fr.ipmi_message_hex))).toString('hex')).toBe(fr.packet_hex);
    const opened = await session.open(bytes(v.packets.first_response.packet_hex));
    if (isRejection(opened)) throw new Error(opened.rejected);
    expect(opened.payload.toString('hex')).toBe(v.packets.first_response.ipmi_message_hex);
  });
});
