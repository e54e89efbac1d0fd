/**
 * Is the BMC watchdog owned by the kernel on this machine? Linux's ipmi_watchdog driver puts
 * the BMC timer behind /dev/watchdogN (Documentation/driver-api/ipmi.rst); systemd
 * (RuntimeWatchdogSec) and the watchdog daemon kick it through that device. Two owners of
 * one timer fight, so the daemon refuses to start while the driver is loaded (unless --force).
 *
 * The files are read through the injected `read` (undefined when a file is missing):
 * /proc/modules (the module, also when built as ipmi_wdt), and /sys/class/watchdog/watchdogN/
 * identity ("IPMI") and state ("active" while a program holds the device open and the timer runs).
 */

export interface OwnerFiles {
  read(path: string): string | undefined;
  list(dir: string): string[];
}

const DRIVERS = ['ipmi_watchdog', 'ipmi_wdt'];

/** A sentence naming the kernel owner, or undefined when no IPMI watchdog driver is loaded. */
export function kernelWatchdogOwner(files: OwnerFiles): string | undefined {
  const modules = files.read('/proc/modules') ?? '';
  const loaded = DRIVERS.find((d) => modules.split('\n').some((line) => line.startsWith(`${d} `)));
  const devices: string[] = [];
  for (const name of files.list('/sys/class/watchdog')) {
    const identity = files.read(`/sys/class/watchdog/${name}/identity`)?.trim();
    if (identity !== 'IPMI') continue;
    const state = files.read(`/sys/class/watchdog/${name}/state`)?.trim();
    devices.push(`/dev/${name}${state ? ` (${state})` : ''}`);
  }
  if (!loaded && devices.length === 0) return undefined;
  const where = devices.length ? ` behind ${devices.join(', ')}` : '';
  return `the kernel's ${loaded ?? 'IPMI watchdog'} driver owns the BMC watchdog${where} (systemd's RuntimeWatchdogSec or a watchdog daemon kick it there)`;
}
