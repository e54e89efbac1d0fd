/** `chassis bootdev <device> [clear-cmos=yes|options=...]`. IPMI v2.0 §28.12 boot flags (parameter 5). */
import { HelpRequest, UsageError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { report, type Report } from '../../report.js';
import { withBootParamWrite, writeBootFlags } from './boot-flags.js';
import { own } from '../../own.js';

export const BOOTDEV_HELP = `bootdev <device> [clear-cmos=yes|no]
bootdev <device> [options=help,...]
  none  : Do not change boot device order
  pxe   : Force PXE boot
  disk  : Force boot from default Hard-drive
  safe  : Force boot from default Hard-drive, request Safe Mode
  diag  : Force boot from Diagnostic Partition
  cdrom : Force boot from CD/DVD
  bios  : Force boot into BIOS Setup
  floppy: Force boot from Floppy/primary removable media
`;

/** Boot device selector values (data 2 bits 5:2), by ipmitool's names. */
export const bootDevices: Readonly<Record<string, number>> = {
  none: 0x00,
  pxe: 0x04,
  force_pxe: 0x04,
  disk: 0x08,
  force_disk: 0x08,
  safe: 0x0c,
  force_safe: 0x0c,
  diag: 0x10,
  force_diag: 0x10,
  cdrom: 0x14,
  force_cdrom: 0x14,
  floppy: 0x3c,
  force_floppy: 0x3c,
  bios: 0x18,
  force_bios: 0x18,
};

interface BootdevOption {
  name: string;
  byte: number;
  mask: number;
  value: number;
  desc: string;
}

/** `options=` keywords: which byte of the 5 flag bytes they change. */
export const bootdevOptions: readonly BootdevOption[] = [
  { name: 'valid', byte: 0, mask: 0x80, value: 0x80, desc: 'Boot flags valid' },
  { name: 'persistent', byte: 0, mask: 0x40, value: 0x40, desc: 'Changes are persistent for all future boots' },
  { name: 'efiboot', byte: 0, mask: 0x20, value: 0x20, desc: 'Extensible Firmware Interface Boot (EFI)' },
  { name: 'clear-cmos', byte: 1, mask: 0x80, value: 0x80, desc: 'CMOS clear' },
  { name: 'lockkbd', byte: 1, mask: 0x40, value: 0x40, desc: 'Lock Keyboard' },
  { name: 'screenblank', byte: 1, mask: 0x02, value: 0x02, desc: 'Screen Blank' },
  { name: 'lockoutreset', byte: 1, mask: 0x01, value: 0x01, desc: 'Lock out Reset buttons' },
  { name: 'lockout_power', byte: 2, mask: 0x80, value: 0x80, desc: 'Lock out (power off/sleep request) via Power Button' },
  { name: 'verbose=default', byte: 2, mask: 0x60, value: 0x00, desc: 'Request quiet BIOS display' },
  { name: 'verbose=no', byte: 2, mask: 0x60, value: 0x20, desc: 'Request quiet BIOS display' },
  { name: 'verbose=yes', byte: 2, mask: 0x60, value: 0x40, desc: 'Request verbose BIOS display' },
  { name: 'force_pet', byte: 2, mask: 0x10, value: 0x10, desc: 'Force progress event traps' },
  { name: 'upw_bypass', byte: 2, mask: 0x08, value: 0x08, desc: 'User password bypass' },
  { name: 'lockout_sleep', byte: 2, mask: 0x04, value: 0x04, desc: 'Lock out the Sleep button' },
  { name: 'cons_redirect=default', byte: 2, mask: 0x03, value: 0x00, desc: 'Console redirection occurs per BIOS configuration setting' },
  { name: 'cons_redirect=skip', byte: 2, mask: 0x03, value: 0x01, desc: 'Suppress (skip) console redirection if enabled' },
  { name: 'cons_redirect=enable', byte: 2, mask: 0x03, value: 0x02, desc: 'Request console redirection be enabled' },
];

function optionsHelp(): string {
  const lines = ['Legal options settings are:', `  ${'help'.padEnd(22)}: print this message`];
  for (const o of bootdevOptions) lines.push(`  ${o.name.padEnd(22)}: ${o.desc}`);
  return `${lines.join('\n')}\n`;
}

/** Parse "a,b,c" into the 5 flag bytes; unknown names and "help" print the legal list. */
export function parseBootdevOptions(list: string): number[] {
  const flags = [0, 0, 0, 0, 0];
  const errors: string[] = [];
  for (const token of list.split(',').filter((t) => t !== '')) {
    if (token === 'help') throw new HelpRequest(errors.map((e) => `${e}\n`).join('') + optionsHelp(), true);
    const op = bootdevOptions.find((o) => o.name === token);
    if (!op) {
      errors.push(`Invalid option: ${token}`);
      continue;
    }
    flags[op.byte] = (flags[op.byte]! & ~op.mask) | op.value;
  }
  if (errors.length) throw new UsageError(errors.join('\n'), optionsHelp());
  return flags;
}

export interface BootdevResult {
  device: string;
  flags: number[];
}

export async function bootdev(ctx: Context, args: string[]): Promise<Report<BootdevResult>> {
  const [dev, extra] = args;
  if (dev === undefined || dev === 'help') throw new HelpRequest(BOOTDEV_HELP, true);
  let flags = [0, 0, 0, 0, 0];
  if (extra === 'clear-cmos=yes') flags = parseBootdevOptions('clear-cmos');
  else if (extra?.startsWith('options=')) flags = parseBootdevOptions(extra.slice('options='.length));
  const selector = own(bootDevices, dev);
  if (selector === undefined) throw new UsageError(`Invalid argument: ${dev}`);
  flags[1]! |= selector;
  flags[0]! |= 0x80; // boot flags valid
  const notes = await withBootParamWrite(ctx, async () => {
    await writeBootFlags(ctx, flags);
  });
  return report('chassis.bootdev', { device: dev, flags }, { notes });
}
