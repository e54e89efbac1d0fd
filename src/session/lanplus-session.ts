/**
 * An active RMCP+ session: seals outbound payloads (sequence number, AES-CBC-128,
 * integrity trailer) and opens inbound packets (session id, integrity, replay
 * window, decryption). No I/O. IPMI v2.0 §13.6, §13.28-13.29. The transport uses it as its
 * SessionCodec for IPMI messages, and seals other payloads (SOL) with `seal`. Both are asynchronous
 * (AES is); sequence numbers and the replay window move at the call, and sealed packets come out in
 * the order of the calls.
 */
import { DecodeError } from '../errors.js';
import { CryptAlg, IntegrityAlg, integrityAlgInfo } from '../protocol/rmcpplus/cipher-suites.js';
import { PayloadType, decodeRmcpPlus, encodeRmcpPlus, isRmcpPlus } from '../protocol/rmcpplus/packet.js';
import { aesDecryptPayload, aesEncryptPayload } from '../protocol/crypto/confidentiality.js';
import { integrityAuthCode } from '../protocol/crypto/integrity.js';
import type { CryptoPrimitives } from '../primitives/primitives.js';
import { ReplayWindow } from './replay-window.js';
import type { OpenedPayload, Rejection, SessionCodec } from './codec.js';
import type { EstablishedSession } from './lanplus-handshake.js';

export { isRejection } from './codec.js';

export class LanplusSession implements SessionCodec {
  /** Outbound session sequence number; the first sealed packet carries 1. */
  private outSeq = 0;
  private readonly window = new ReplayWindow(32);
  private readonly authCodeLen: number;
  /** The last packet being sealed: the next one waits for it, so packets are sent in the order sealed. */
  private sealing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly established: EstablishedSession,
    private readonly random: (n: number) => Buffer,
    private readonly crypto: CryptoPrimitives,
    /** Sequence number of the first sealed packet (1; ipmitool's first is 3). */
    firstSeq = 1,
  ) {
    this.authCodeLen = integrityAlgInfo[established.suite.integrity].authCodeLen;
    this.outSeq = (firstSeq - 1) >>> 0;
  }

  get sessionId(): number {
    return this.established.bmcSessionId;
  }

  private get integrityOn(): boolean {
    return this.established.suite.integrity !== IntegrityAlg.None;
  }
  private get cryptOn(): boolean {
    return this.established.suite.crypt !== CryptAlg.None;
  }

  sealMessage(message: Uint8Array): Promise<Buffer> {
    return this.seal(PayloadType.Ipmi, message);
  }

  seal(payloadType: number, payload: Uint8Array): Promise<Buffer> {
    this.outSeq = (this.outSeq + 1) >>> 0 || 1; // never 0 (§13.6: 0 is reserved)
    const header = { payloadType, encrypted: this.cryptOn, authenticated: this.integrityOn, sessionId: this.established.bmcSessionId, seq: this.outSeq };
    const { keys, kuid, suite } = this.established;
    const iv = this.cryptOn ? this.random(16) : undefined;
    const sealed = this.sealing.then(async () =>
      encodeRmcpPlus(header, iv ? await aesEncryptPayload(this.crypto, keys.k2, iv, payload) : payload, (covered) =>
        integrityAuthCode(this.crypto, suite.integrity, { k1: keys.k1, kuid }, covered),
      ),
    );
    this.sealing = sealed.catch(() => undefined);
    return sealed;
  }

  /** Open an inbound packet for this session, or say why it was dropped. */
  async open(packet: Uint8Array): Promise<OpenedPayload | Rejection> {
    if (!isRmcpPlus(packet)) return { rejected: 'not an RMCP+ packet' };
    let d;
    try {
      d = decodeRmcpPlus(packet, this.integrityOn ? this.authCodeLen : 0);
    } catch (e) {
      return { rejected: (e as Error).message };
    }
    const h = d.header;
    if (h.sessionId !== this.established.consoleSessionId) {
      return { rejected: `packet for another session (0x${h.sessionId.toString(16)})` };
    }
    if (this.integrityOn) {
      if (!h.authenticated || !d.covered || !d.authCode) return { rejected: 'unauthenticated packet in an authenticated session' };
      const { keys, kuid, suite } = this.established;
      const expect = integrityAuthCode(this.crypto, suite.integrity, { k1: keys.k1, kuid }, d.covered);
      if (!this.crypto.equal(expect, d.authCode)) {
        return { rejected: 'invalid authcode' };
      }
    }
    if (this.cryptOn && !h.encrypted && h.payloadType !== 0x01) {
      // SOL payloads may legitimately be sent in the clear when encryption was not activated for them.
      return { rejected: 'unencrypted payload in an encrypted session' };
    }
    if (!this.window.accept(h.seq)) return { rejected: `replayed or stale sequence number ${h.seq}` };
    if (!h.encrypted) return { payloadType: h.payloadType, payload: d.payload };
    try {
      return { payloadType: h.payloadType, payload: await aesDecryptPayload(this.crypto, this.established.keys.k2, d.payload) };
    } catch (e) {
      if (e instanceof DecodeError) return { rejected: e.message };
      throw e;
    }
  }
}
