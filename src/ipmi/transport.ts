/**
 * The port IpmiClient talks through: ipmitool's struct ipmi_intf (open, sendrecv, close).
 * Declared here, by its user; src/transport/ implements it for lan, lanplus and open, so the
 * client never imports from the layer above it.
 */
import type { IpmiRequest, IpmiResponse } from './command.js';

export interface Transport {
  /** ipmitool's interface description ("IPMI v2.0 RMCP+ LAN Interface"). */
  readonly description: string;
  open(): Promise<void>;
  request(req: IpmiRequest): Promise<IpmiResponse>;
  /** Ends the session (Close Session); never throws, bounded in time. */
  close(): Promise<void>;
  /** Keep an idle session alive (ipmitool: Get Device ID). */
  keepalive(): Promise<void>;
  /** Forget the session without Close Session (after a cold reset the BMC has dropped it). */
  abandon(): void;
}
