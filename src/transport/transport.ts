/**
 * What the interfaces share: the Transport port they implement (declared by its user, src/ipmi/,
 * re-exported here), the RMCP+ payload channel (SOL), and the options and seams of lan and lanplus.
 */
import type { Workarounds } from '../session/workarounds.js';
import type { Transport } from '../ipmi/transport.js';
import type { BridgeOptions } from './bridge.js';
import type { Deadline } from './exchanger.js';
import type { Clock, DatagramSocket, Logger, RandomSource } from '../io.js';
import type { UdpTarget } from './udp.js';
import type { PrimitivesLoader } from '../primitives/primitives.js';

export type { Transport };

/**
 * Payloads other than IPMI messages inside an RMCP+ session (SOL is payload type 1).
 * Only lanplus has them; see `hasPayloads`.
 */
export interface PayloadChannel {
  /** Seal (sequence number, integrity, encryption per the suite) and send; no reply is awaited. */
  sendPayload(payloadType: number, payload: Uint8Array): Promise<void>;
  /** Receive in-session payloads of this type that no request is waiting for (undefined to stop). */
  onPayload(payloadType: number, handler: ((payload: Buffer) => void) | undefined): void;
  /** What the session's cipher suite can give payloads (Activate Payload asks for no more). */
  readonly payloadProtection: { encrypted: boolean; authenticated: boolean };
  /** The BMC's ID of this session, as Get Payload Instance Info names the session a payload is active in. */
  readonly bmcSessionId: number | undefined;
  /**
   * The BMC named a UDP port for this payload (Activate Payload response): send
   * the payload there from then on, and accept it from there as well as from the
   * session port. Nothing changes when it is the session port.
   */
  usePayloadPort(payloadType: number, port: number): Promise<void>;
}

export function hasPayloads(t: Transport): t is Transport & PayloadChannel {
  return typeof (t as Partial<PayloadChannel>).sendPayload === 'function';
}

/** Options shared by `-I lan` and `-I lanplus` (ipmitool's meanings). */
export interface LanOptions {
  host: string;
  port: number;
  family?: 4 | 6;
  username: Buffer;
  password: Buffer;
  /** BMC key K_G, 20 bytes; all zero = none. */
  kg: Buffer;
  privilege: number;
  nameOnlyLookup: boolean;
  /** lanplus: undefined = pick the best suite the BMC offers. */
  cipherSuite?: number;
  /** lan: forced authentication type (-A). */
  authType?: number;
  /** -W: workarounds for broken BMCs. */
  workarounds?: Workarounds;
  /** Per-try wait (-N) and number of tries (-R). */
  timeoutMs: number;
  tries: number;
  /** -t/-b/-T/-B/-m: commands go to a controller behind the BMC (Send Message). */
  bridge?: BridgeOptions;
}

export interface TransportDeps {
  connect(t: UdpTarget): Promise<DatagramSocket>;
  clock: Clock;
  random: RandomSource;
  /** HMAC, hashes, AES for RMCP+ (src/primitives/); default: by runtime (systemPrimitives). */
  crypto?: PrimitivesLoader;
  log: Logger;
  deadline: Deadline;
}
