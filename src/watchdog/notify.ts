/**
 * sd_notify(3) for `watchdog run` under systemd (Type=notify): READY=1 once armed, WATCHDOG=1
 * after each kick that reached the BMC, STOPPING=1. The datagram goes to $NOTIFY_SOCKET (a path,
 * or '@name' in the abstract namespace); WATCHDOG_USEC is systemd's WatchdogSec.
 *
 * Node (and Bun) have no unix datagram sockets, so the message is sent by the ipmi_dev addon's
 * notify() (one socket(2) + sendto(2), no process per message): the same addon `-I open` uses,
 * embedded in the single executable. Without NOTIFY_SOCKET nothing is loaded or sent.
 */
import type { AddonResult } from '../native/addon.js';

export interface Notifier {
  send(message: string): void;
  /** WATCHDOG_USEC in seconds, when systemd watches us. */
  watchdogSec?: number;
}

const NONE: Notifier = { send: () => undefined };

export async function sdNotifier(
  env: Readonly<Record<string, string | undefined>>,
  loader: ((env: Readonly<Record<string, string | undefined>>) => AddonResult) | undefined,
  complain: (line: string) => void,
): Promise<Notifier> {
  const path = env.NOTIFY_SOCKET;
  if (!path) return NONE;
  const usec = Number(env.WATCHDOG_USEC);
  const watchdogSec = Number.isFinite(usec) && usec > 0 ? usec / 1e6 : undefined;
  const load = loader ?? (await import('../native/addon.js')).loadIpmiDev;
  const addon = load(env);
  const notify = 'binding' in addon ? addon.binding.notify?.bind(addon.binding) : undefined;
  if (!notify) {
    const why = 'unavailable' in addon ? addon.unavailable : 'the native addon predates notify() (npm run build:addon)';
    complain(`cannot notify systemd (NOTIFY_SOCKET): ${why}`);
    return { send: () => undefined, ...(watchdogSec ? { watchdogSec } : {}) };
  }
  let failed = false;
  return {
    ...(watchdogSec ? { watchdogSec } : {}),
    send(message) {
      try {
        notify(path, message);
      } catch (e) {
        // Said once: systemd notices the missing notifications by itself.
        if (!failed) complain(`cannot notify systemd (${path}): ${(e as Error).message}`);
        failed = true;
      }
    },
  };
}
