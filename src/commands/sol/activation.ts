/**
 * Activate Payload and Deactivate Payload for SOL (IPMI v2.0 §24.1, §24.2) with
 * ipmitool's messages, shared by `activate`, `deactivate` and `looptest`.
 */
import { CommandError, IpmiError } from '../../errors.js';
import { describeCompletionCode } from '../../ipmi/completion-codes.js';
import { SolActivation as AuxFlag, activatePayload } from '../../ipmi/cmds/app/activate-payload.js';
import { deactivatePayload } from '../../ipmi/cmds/app/deactivate-payload.js';
import { getPayloadInstanceInfo } from '../../ipmi/cmds/app/get-payload-instance-info.js';
import { hasPayloads, type PayloadChannel, type Transport } from '../../transport/transport.js';
import type { Context } from '../../runtime/context.js';
import { isNoResponse } from '../shared/invoke.js';
import { checkInstance } from './args.js';

export const SOL_PAYLOAD = 0x01;

export interface SolActivation {
  instance: number;
  inboundPayloadSize: number;
  outboundPayloadSize: number;
  /** The port SOL uses (the session port unless the BMC named another one). */
  port: number;
  encrypted: boolean;
  authenticated: boolean;
  /** --force deactivated another session's payload first. */
  tookOver: boolean;
  transport: Transport & PayloadChannel;
}

const ACTIVATE_REFUSALS: Readonly<Record<number, string>> = {
  0x80: 'Info: SOL payload already active on another session',
  0x81: 'Info: SOL payload disabled',
  0x82: 'Info: SOL payload activation limit reached',
  0x83: 'Info: cannot activate SOL payload with encryption',
  0x84: 'Info: cannot activate SOL payload without encryption',
};

const NOT_LANPLUS = 'Error: This command is only available over the lanplus interface';

export async function activateSol(ctx: Context, instance: number, force: boolean, ignorePort = false): Promise<SolActivation> {
  if (ctx.interfaceName !== 'lanplus') throw new CommandError(NOT_LANPLUS, 'interface');
  checkInstance(instance);
  const client = await ctx.client();
  const t = client.transport;
  if (!hasPayloads(t)) throw new CommandError(NOT_LANPLUS, 'interface');
  const { encrypted, authenticated } = t.payloadProtection;
  const aux = [(encrypted ? AuxFlag.Encrypt : 0) | (authenticated ? AuxFlag.Authenticate : 0) | AuxFlag.AlertsDeferred | AuxFlag.NoHandshakeAssert];
  const attempt = async (): Promise<{ cc: number; value?: Awaited<ReturnType<typeof activatePayload.decode>> }> => {
    try {
      return await client.try(activatePayload, { payloadType: SOL_PAYLOAD, instance, aux });
    } catch (e) {
      if (isNoResponse(e)) throw new CommandError('Error: No response activating SOL payload', 'no-response').withDetail((e as IpmiError).message);
      throw e;
    }
  };
  let r = await attempt();
  let tookOver = false;
  if (r.cc === 0x80 && (await activeInThisSession(ctx, t, instance))) {
    // Our own Activate Payload went through but its reply was lost: the retransmission found it active.
    ctx.log.verbose(1, `SOL payload instance ${instance} is active in this session (the reply to its activation was lost): activating it again`);
    const line = await deactivateSol(ctx, instance, false);
    if (line && !line.startsWith('Info: SOL payload already de-activated')) throw new CommandError(line, 'deactivate');
    r = await attempt();
  }
  if (r.cc === 0x80 && force) {
    // --force: end the other session's SOL, then take the console.
    ctx.log.verbose(1, `SOL payload instance ${instance} is active on another session: deactivating it (--force)`);
    const line = await deactivateSol(ctx, instance, false);
    if (line && !line.startsWith('Info: SOL payload already de-activated')) throw new CommandError(line, 'deactivate');
    tookOver = true;
    r = await attempt();
  }
  if (r.cc !== 0) throw new CommandError(ACTIVATE_REFUSALS[r.cc] ?? `Error activating SOL payload: ${describeCompletionCode(r.cc)}`, 'completion-code');
  const a = r.value!;
  if (a.length !== 12) throw new CommandError(`Error: Unexpected data length (${a.length}) received in payload activation response`, 'decode');
  let port = a.port;
  const sessionPort = ctx.options.port;
  if (port !== sessionPort && ignorePort) {
    ctx.log.verbose(1, `The BMC names UDP port ${port} for SOL: staying on ${sessionPort} (ignoresolport)`);
    port = sessionPort;
  } else if (port !== sessionPort) {
    // ipmitool also accepts the port byte-swapped (BMCs that send it big-endian).
    const swapped = ((port & 0xff) << 8) | (port >> 8);
    if (swapped === sessionPort) port = sessionPort;
    else await t.usePayloadPort(SOL_PAYLOAD, port);
  }
  return {
    instance,
    inboundPayloadSize: a.inboundPayloadSize,
    outboundPayloadSize: a.outboundPayloadSize,
    port,
    encrypted,
    authenticated,
    tookOver,
    transport: t,
  };
}

/**
 * Whether the payload instance is active in this very session (Get Payload Instance Info, §24.5):
 * an Activate Payload whose reply was lost is answered "already active" (80h) when sent again.
 * False when the BMC cannot say (no such command: ipmitool's message then stands).
 */
async function activeInThisSession(ctx: Context, t: PayloadChannel, instance: number): Promise<boolean> {
  const ours = t.bmcSessionId;
  if (ours === undefined) return false;
  const client = await ctx.client();
  try {
    const r = await client.try(getPayloadInstanceInfo, { payloadType: SOL_PAYLOAD, instance });
    return r.cc === 0 && r.value!.sessionId === ours;
  } catch (e) {
    if (isNoResponse(e) || (e instanceof IpmiError && e.layer === 'decode')) return false;
    throw e;
  }
}

/**
 * Deactivate Payload; undefined when it worked, else ipmitool's line for the
 * failure (callers decide whether it is an error, a note, or nothing).
 */
export async function deactivateSol(ctx: Context, instance: number, once: boolean): Promise<string | undefined> {
  const client = await ctx.client();
  let r;
  try {
    r = await client.try(deactivatePayload, { payloadType: SOL_PAYLOAD, instance }, { once });
  } catch (e) {
    if (isNoResponse(e)) return 'Error: No response de-activating SOL payload';
    throw e;
  }
  switch (r.cc) {
    case 0:
      return undefined;
    case 0x80:
      return 'Info: SOL payload already de-activated';
    case 0x81:
      return 'Info: SOL payload type disabled';
    default:
      return `Error de-activating SOL payload: ${describeCompletionCode(r.cc)}`;
  }
}
