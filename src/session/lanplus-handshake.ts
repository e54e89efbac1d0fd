/**
 * RMCP+ session establishment as a state machine without I/O:
 * Open Session -> RAKP 1/2 -> RAKP 3/4. IPMI v2.0 §13.15-13.23.
 * The caller sends what `next*()` returns and feeds replies to `accept*()`.
 */
import { AuthenticationError, DecodeError, SessionSlotError } from '../errors.js';
import { AuthAlg, findSuite, type CipherSuite } from '../protocol/rmcpplus/cipher-suites.js';
import { decodeOpenSessionResponse, encodeOpenSessionRequest } from '../protocol/rmcpplus/open-session.js';
import { decodeRakp2, decodeRakp4, describeRakpStatus, encodeRakp1, encodeRakp3 } from '../protocol/rmcpplus/rakp.js';
import { deriveSessionKeys, rakp2AuthCode, rakp3AuthCode, rakp4Icv, type RakpExchange, type SessionKeys } from '../protocol/crypto/rakp-keys.js';
import type { CryptoPrimitives } from '../primitives/primitives.js';
import { padTo } from '../ipmi/codec.js';
import { NO_WORKAROUNDS, type Workarounds } from './workarounds.js';

/** RMCP+ status codes (IPMI v2.0 §13.24 Table 13-15) that mean "no room now", not "refused": 01h, 0Bh. */
const OUT_OF_SLOTS: readonly number[] = [0x01, 0x0b];

/**
 * RAKP 4 statuses that say the attempt was damaged or dropped, not that the credentials are wrong
 * (RAKP 2 verified, so the BMC knows our password): 0Fh, the BMC could not verify a RAKP 3 damaged
 * on the way; 02h/08h, the BMC no longer knows the session (it timed out). Another attempt may pass.
 */
const RAKP4_RETRYABLE: readonly number[] = [0x02, 0x08, 0x0f];

/** RAKP 3 status when the console gives up on a session without a verification failure (02h: invalid session ID). */
const ABANDONED = 0x02;
/** RAKP 3 status after RAKP 2 or RAKP 4 failed verification (0Fh: invalid integrity check value). */
const UNVERIFIED = 0x0f;

/** What to send to free a session the console gives up on half-way (see `abandon()`). */
export interface Abandonment {
  /** RAKP 3 with an error status: the BMC drops a session that got RAKP 1 (§13.22). */
  rakp3?: Buffer;
  /** The keys as the BMC holds them after RAKP 3, for a Close Session inside the session. */
  session?: EstablishedSession;
}

export interface LanplusCredentials {
  username: Buffer; // at most 16 bytes
  kuid: Buffer; // the password (K_UID); cut or zero padded to 20 bytes here
  kg: Buffer; // BMC key K_G, all zero = none; cut or zero padded to 20 bytes here
  privilege: number; // 1..5
  /** RAKP "name-only lookup" bit (ipmitool default; `-L LEVEL+` clears it). */
  nameOnlyLookup: boolean;
  /** -W: opensesspriv, intel20, supermicro20, sun20, integritycheckvalue change the handshake. */
  workarounds?: Workarounds;
}

export interface EstablishedSession {
  suite: CipherSuite;
  bmcSessionId: number;
  consoleSessionId: number;
  keys: SessionKeys;
  kuid: Buffer;
  /** Maximum privilege the BMC reported in the Open Session response (0 from some BMCs). */
  bmcMaxPriv: number;
}

export class LanplusHandshake {
  private tag = 0;
  private bmcSessionId = 0;
  private bmcMaxPriv = 0;
  private exchange: RakpExchange | undefined;
  /** Status to report in RAKP 3: non-zero when RAKP 2 failed verification. */
  private rakp3Status = 0;
  /** How far the BMC may have got: RAKP 1 sent for a known BMC session ID, RAKP 3 sent with good status. */
  private rakp1Sent = false;
  private rakp3Sent = false;
  private rakp2Verified = false;
  readonly suite: CipherSuite;
  /** K_UID and K_G as the RAKP algorithms take them: 20 bytes. */
  private readonly kuid: Buffer;
  private readonly kg: Buffer;
  private readonly w: Workarounds;
  /** Quirks of the BMC recognised and worked around, for -v (the handshake does no I/O). */
  readonly notes: string[] = [];

  constructor(
    suiteId: number,
    private readonly creds: LanplusCredentials,
    private readonly consoleSessionId: number,
    private readonly random: (n: number) => Buffer,
    readonly crypto: CryptoPrimitives,
  ) {
    const suite = findSuite(suiteId);
    if (!suite) throw new AuthenticationError(`Unsupported cipher suite ID : ${suiteId}`, 'cipher-suite');
    this.suite = suite;
    this.kuid = padTo(creds.kuid, 20);
    this.kg = padTo(creds.kg, 20);
    this.w = creds.workarounds ?? NO_WORKAROUNDS;
  }

  /**
   * ipmitool asks for "highest available" (0) when the session privilege is ADMINISTRATOR;
   * -W opensesspriv (and intel20, sun20) asks for the level itself, for BMCs that hash the keys
   * with the Open Session privilege instead of RAKP 1's.
   */
  openSessionRequest(): Buffer {
    this.tag = (this.tag + 1) & 0xff;
    const maxPriv = this.creds.privilege === 4 && !this.w.has('opensesspriv') ? 0 : this.creds.privilege;
    return encodeOpenSessionRequest({
      tag: this.tag,
      maxPriv,
      consoleSessionId: this.consoleSessionId,
      suite: this.suite,
    });
  }

  /** True when this reply belongs to the current Open Session attempt. */
  matchesOpenSession(payload: Uint8Array): boolean {
    return this.mine(payload);
  }

  /**
   * Our tag and, where the reply carries it (bytes 4-7 of Open Session Response, RAKP 2 and 4),
   * our console session ID: a slow BMC's late answer to an earlier attempt (same tag, another
   * ID) is not taken for this attempt's, which would fail the login.
   */
  private mine(payload: Uint8Array): boolean {
    if (payload.length < 2 || payload[0] !== this.tag) return false;
    if (payload.length < 8) return true;
    const id = (payload[4]! | (payload[5]! << 8) | (payload[6]! << 16) | (payload[7]! << 24)) >>> 0;
    return id === this.consoleSessionId;
  }

  acceptOpenSessionResponse(payload: Uint8Array): void {
    const r = decodeOpenSessionResponse(payload);
    if (r.status !== 0) {
      const message = `Error in open session response message : ${describeRakpStatus(r.status)}`;
      throw OUT_OF_SLOTS.includes(r.status) ? new SessionSlotError(message) : new AuthenticationError(message, 'open-session');
    }
    if (r.consoleSessionId !== this.consoleSessionId) {
      throw new DecodeError('Open Session response carries another console session ID');
    }
    if (r.bmcSessionId === undefined) throw new DecodeError('Open Session response is too short');
    if (r.auth !== this.suite.auth || r.integrity !== this.suite.integrity || r.crypt !== this.suite.crypt) {
      throw new AuthenticationError(
        `BMC answered cipher suite ${this.suite.id} with other algorithms ` +
          `(authentication ${r.auth}, integrity ${r.integrity}, confidentiality ${r.crypt})`,
        'open-session',
      );
    }
    this.bmcSessionId = r.bmcSessionId!;
    this.bmcMaxPriv = r.maxPriv;
    if (r.maxPriv === 0) this.notes.push('The BMC reported maximum privilege 0 in its Open Session response: ignored (the opensesspriv quirk)');
  }

  rakp1(): Buffer {
    this.tag = (this.tag + 1) & 0xff;
    const role = (this.creds.privilege & 0x0f) | (this.creds.nameOnlyLookup ? 0x10 : 0);
    // intel20: the BMC hashes the user name null-padded to 16 bytes, and HMAC-MD5 with the password cut to 16.
    const intel = this.w.has('intel20');
    this.exchange = {
      auth: this.suite.auth,
      kuid: intel && this.suite.auth === AuthAlg.HmacMd5 ? padTo(this.kuid.subarray(0, 16), 20) : this.kuid,
      kg: this.kg,
      consoleSessionId: this.consoleSessionId,
      bmcSessionId: this.bmcSessionId,
      consoleRandom: this.random(16),
      bmcRandom: Buffer.alloc(16),
      bmcGuid: Buffer.alloc(16),
      role,
      username: intel ? padTo(this.creds.username, 16) : this.creds.username,
    };
    this.rakp1Sent = true;
    return encodeRakp1({
      tag: this.tag,
      bmcSessionId: this.bmcSessionId,
      consoleRandom: this.exchange.consoleRandom,
      role,
      username: this.creds.username,
    });
  }

  matchesRakp(payload: Uint8Array): boolean {
    return this.mine(payload);
  }

  /** Verify RAKP 2. On a bad HMAC the error is thrown after `rakp3()` can still report it. */
  acceptRakp2(payload: Uint8Array): void {
    const x = this.mustExchange();
    const r = decodeRakp2(payload);
    if (r.status !== 0) {
      const message = `RAKP 2 message indicates an error : ${describeRakpStatus(r.status)}`;
      throw OUT_OF_SLOTS.includes(r.status) ? new SessionSlotError(message) : new AuthenticationError(message, 'rakp2');
    }
    if (r.consoleSessionId !== this.consoleSessionId) throw new DecodeError('RAKP 2 carries another console session ID');
    x.bmcRandom = r.bmcRandom!;
    x.bmcGuid = r.bmcGuid!;
    const expected = rakp2AuthCode(this.crypto, x);
    const got = this.rakp2Code(r.authCode!, expected.length);
    if (!this.crypto.equal(got, expected)) {
      this.rakp3Status = UNVERIFIED;
      throw new AuthenticationError('RAKP 2 HMAC is invalid', 'rakp2-hmac');
    }
    this.rakp2Verified = true;
  }

  /** RAKP 3; after a failed RAKP 2 it carries the error status so the BMC can drop the session. */
  rakp3(): Buffer {
    const x = this.mustExchange();
    this.tag = (this.tag + 1) & 0xff;
    if (this.rakp3Status === 0 && this.rakp2Verified) this.rakp3Sent = true;
    return encodeRakp3({
      tag: this.tag,
      status: this.rakp3Status,
      bmcSessionId: this.bmcSessionId,
      authCode: this.rakp3Status === 0 ? rakp3AuthCode(this.crypto, x) : Buffer.alloc(0),
    });
  }

  acceptRakp4(payload: Uint8Array): EstablishedSession {
    const x = this.mustExchange();
    const r = decodeRakp4(payload);
    if (r.status !== 0) {
      const message = `RAKP 4 message indicates an error : ${describeRakpStatus(r.status)}`;
      throw new AuthenticationError(message, RAKP4_RETRYABLE.includes(r.status) ? 'rakp4-retryable' : 'rakp4');
    }
    if (r.consoleSessionId !== this.consoleSessionId) throw new DecodeError('RAKP 4 carries another console session ID');
    const keys = deriveSessionKeys(this.crypto, x);
    const expected = rakp4Icv(this.crypto, x, keys.sik);
    let got = r.icv!;
    if (expected.length === 0 && got.length > 0) {
      // RAKP-none (cipher suite 0) authenticates nothing: a check value where none belongs is ignored safely.
      this.notes.push(`The BMC sent a ${got.length}-byte RAKP 4 integrity check value with cipher suite 0: ignored (integritycheckvalue)`);
      got = expected;
    }
    if (!this.crypto.equal(got, expected)) {
      this.rakp3Status = UNVERIFIED;
      throw new AuthenticationError('RAKP 4 message has invalid integrity check value', 'rakp4-icv');
    }
    return this.established(keys);
  }

  private established(keys: SessionKeys): EstablishedSession {
    return {
      suite: this.suite,
      bmcSessionId: this.bmcSessionId,
      consoleSessionId: this.consoleSessionId,
      keys,
      kuid: this.kuid,
      bmcMaxPriv: this.bmcMaxPriv,
    };
  }

  /**
   * What frees the session on the BMC when the console gives up half-way (no reply, a damaged one,
   * a failed check), so it does not hold a slot until it times out: RAKP 3 with an error status once
   * RAKP 1 may have reached it, and the session keys for a Close Session once a good RAKP 3 may have
   * authenticated it (ipmi_sim ignores RAKP 3 in that state). Nothing before the Open Session reply:
   * the BMC session ID is unknown then. Call once; the tag moves on.
   */
  abandon(): Abandonment {
    if (!this.rakp1Sent || !this.exchange) return {};
    const out: Abandonment = {};
    this.tag = (this.tag + 1) & 0xff;
    const status = this.rakp3Status || ABANDONED;
    out.rakp3 = encodeRakp3({ tag: this.tag, status, bmcSessionId: this.bmcSessionId, authCode: Buffer.alloc(0) });
    out.session = this.provisional();
    return out;
  }

  /**
   * The session as the BMC holds it once a good RAKP 3 went out (RAKP 2 verified), before RAKP 4
   * confirms it: for a console whose RAKP 4 was lost or damaged, to see whether the session answers.
   */
  provisional(): EstablishedSession | undefined {
    return this.rakp3Sent && this.exchange ? this.established(deriveSessionKeys(this.crypto, this.exchange)) : undefined;
  }

  /**
   * The RAKP 2 key exchange auth code to check: a longer one than the algorithm's is cut to its
   * length with -W supermicro20 (any algorithm) or sun20 (HMAC-SHA1), so its leading bytes are checked.
   */
  private rakp2Code(got: Uint8Array, want: number): Uint8Array {
    const cut = this.w.has('supermicro20') || (this.w.has('sun20') && this.suite.auth === AuthAlg.HmacSha1);
    return cut && got.length > want ? got.subarray(0, want) : got;
  }

  private mustExchange(): RakpExchange {
    if (!this.exchange) throw new Error('RAKP message out of order');
    return this.exchange;
  }
}
