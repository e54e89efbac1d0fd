/** `chassis bootparam get <n> [set]` and `bootparam set bootflag <device> [options=...]`. */
import { HelpRequest, UsageError } from '../../errors.js';
import { getSystemBootOptions } from '../../ipmi/cmds/chassis/get-system-boot-options.js';
import { BootParam } from '../../ipmi/cmds/chassis/set-system-boot-options.js';
import { parseU8 } from '../../runtime/numbers.js';
import type { Context } from '../../runtime/context.js';
import { invoke } from '../shared/invoke.js';
import { report, type Report } from '../../report.js';
import { bootDevices } from './bootdev.js';
import { withBootParamWrite, writeBootFlags, writeValidBitClearing } from './boot-flags.js';
import { decodeBootParam, type BootParamDetail } from './bootparam-decode.js';
import { own } from '../../own.js';

const VALID_CLEAR_OPTIONS: readonly { name: string; value: number; desc: string }[] = [
  { name: 'PEF', value: 0x10, desc: 'Clear valid bit on reset/power cycle cause by PEF' },
  { name: 'timeout', value: 0x08, desc: 'Automatically clear boot flag valid bit on timeout' },
  { name: 'watchdog', value: 0x04, desc: 'Clear valid bit on reset/power cycle cause by watchdog' },
  { name: 'reset', value: 0x02, desc: 'Clear valid bit on push button reset/soft reset' },
  { name: 'power', value: 0x01, desc: 'Clear valid bit on power up via power push button or wake event' },
];

const LEGAL_OPTIONS = [
  ' Legal options are:',
  `  ${'help'.padEnd(8)}: print this message`,
  ...VALID_CLEAR_OPTIONS.map((o) => `  ${o.name.padEnd(8)}: ${o.desc}`),
  ' Any Option may be prepended with no- to invert sense of operation\n',
].join('\n');

export const BOOTFLAG_HELP = `bootparam set bootflag <device> [options=...]
 Legal devices are:
  none        : No override
  force_pxe   : Force PXE boot
  force_disk  : Force boot from default Hard-drive
  force_safe  : Force boot from default Hard-drive, request Safe Mode
  force_diag  : Force boot from Diagnostic Partition
  force_cdrom : Force boot from CD/DVD
  force_bios  : Force boot into BIOS Setup
${LEGAL_OPTIONS}
`;

export const BOOTPARAM_HELP = `bootparam get <param #>\n${BOOTFLAG_HELP}`;

export interface BootParamView {
  version: number;
  param: number;
  invalid: boolean;
  data: Buffer;
  detail: BootParamDetail;
}

export async function bootparam(ctx: Context, args: string[]): Promise<Report> {
  const [op, ...rest] = args;
  if (op === undefined || op === 'help' || rest.length === 0) throw new HelpRequest(BOOTPARAM_HELP, true);
  if (op === 'get') return bootparamGet(ctx, rest);
  if (op === 'set') return bootparamSet(ctx, rest);
  throw new HelpRequest('bootparam get|set <option> [value ...]\n', true);
}

async function bootparamGet(ctx: Context, args: string[]): Promise<Report<BootParamView>> {
  const param = parseU8(args[0]!);
  if (param === undefined) throw new UsageError(`Invalid parameter '${args[0]}' given instead of bootparam.`);
  let setSelector = 0;
  if (args[1] !== undefined) {
    const s = parseU8(args[1]);
    if (s === undefined) throw new UsageError(`Invalid argument '${args[1]}' given to bootparam 0`);
    setSelector = s;
  }
  const p = param & 0x7f;
  const r = await invoke(
    ctx,
    getSystemBootOptions,
    { param: p, setSelector },
    {
      failed: `Get Chassis Boot Parameter ${p} failed`,
      noResponse: `Error Getting Chassis Boot Parameter ${p}`,
    },
  );
  return report('chassis.bootparam', { version: r.version, param: r.param, invalid: r.invalid, data: r.data, detail: decodeBootParam(r.param, r.data) });
}

/** ipmitool's options= for the valid-bit-clearing parameter: names clear a bit; "no-" never matches (ipmitool quirk kept). */
function parseValidClearOptions(arg: string): { set: number; clear: number; errors: string[] } {
  const errors: string[] = [];
  let clear = 0;
  if (!arg.startsWith('options=')) return { set: 0, clear: 0, errors: [`No options= keyword found "${arg}"`] };
  for (const token of arg
    .slice(8)
    .split(',')
    .filter((t) => t)) {
    if (token === 'help') return { set: 0, clear: 0, errors: [...errors, ''] };
    const op = VALID_CLEAR_OPTIONS.find((o) => o.name === token);
    if (op) clear |= op.value;
    else errors.push(`Invalid option: ${token}`);
  }
  return { set: 0, clear, errors };
}

async function bootparamSet(ctx: Context, args: string[]): Promise<Report> {
  const [what, dev, options] = args;
  if (what !== 'bootflag' || dev === undefined) throw new HelpRequest(BOOTFLAG_HELP, true);
  const notes: string[] = [];
  let flagsToClear = 0;
  if (options !== undefined) {
    const parsed = parseValidClearOptions(options);
    if (parsed.errors.length) notes.push(...parsed.errors.filter((e) => e), LEGAL_OPTIONS);
    flagsToClear = parsed.clear;
  }
  const selector = own(bootDevices, dev);
  if (selector === undefined) throw new UsageError(`Invalid argument: ${dev}`);
  notes.push(
    ...(await withBootParamWrite(ctx, async () => {
      await writeBootFlags(ctx, [0x80, selector, 0, 0, 0]);
    })),
  );
  if (flagsToClear) {
    notes.push(
      ...(await withBootParamWrite(ctx, async () => {
        const current = await invoke(
          ctx,
          getSystemBootOptions,
          { param: BootParam.ValidBitClearing },
          {
            failed: `Get Chassis Boot Parameter ${BootParam.ValidBitClearing} failed`,
            noResponse: `Error Getting Chassis Boot Parameter ${BootParam.ValidBitClearing}`,
          },
        );
        await writeValidBitClearing(ctx, (current.data[0] ?? 0) & ~flagsToClear);
      })),
    );
  }
  return report('chassis.bootdev', { device: dev, flags: [0x80, selector, 0, 0, 0] }, { notes });
}
