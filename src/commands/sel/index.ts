/** `sel`: the System Event Log (IPMI v2.0 §31, §32). Wording and argument handling are ipmitool 1.8.19's. */
import { HelpRequest, UsageError } from '../../errors.js';
import type { Context } from '../../runtime/context.js';
import { own } from '../../own.js';
import type { Outcome } from '../../report.js';
import { clear, del } from './clear.js';
import { SEL_HELP } from './common.js';
import { add, readraw } from './files.js';
import { get } from './get.js';
import { info } from './info.js';
import { list, save } from './list.js';
import { time } from './time.js';
import { verbWords, type Words } from '../words.js';

type Verb = (ctx: Context, args: string[]) => Promise<Outcome>;

/** ipmitool's "usage: sel <verb> <filename>" when the file name is missing (exit 2; ipmitool exits 0). */
const withFile =
  (verb: string, run: (ctx: Context, file: string) => Promise<Outcome>): Verb =>
  (ctx, args) => {
    if (args.length < 1) throw new HelpRequest(`usage: sel ${verb} <filename>\n`, true);
    return run(ctx, args[0]!);
  };

const verbs: Readonly<Record<string, Verb>> = {
  info: (ctx) => info(ctx),
  list: (ctx, args) => list(ctx, args, false),
  elist: (ctx, args) => list(ctx, args, true),
  get: (ctx, args) => get(ctx, args),
  clear: (ctx) => clear(ctx),
  delete: (ctx, args) => del(ctx, args),
  time: (ctx, args) => time(ctx, args),
  add: withFile('add', add),
  save: withFile('save', (ctx, file) => save(ctx, file, 'text')),
  writeraw: withFile('writeraw', (ctx, file) => save(ctx, file, 'raw')),
  readraw: withFile('readraw', (ctx, file) => readraw(ctx, file, false)),
  ereadraw: withFile('ereadraw', (ctx, file) => readraw(ctx, file, true)),
};

/** Completion: the verbs above. */
export const words: Words = verbWords(verbs, {}, { help: null });

export async function run(ctx: Context, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub === undefined) return info(ctx);
  if (sub === 'help') throw new HelpRequest(SEL_HELP);
  if (sub === 'interpret') throw new UsageError('sel interpret (PPS shelf-manager logs) is not supported by ipmits', undefined, 'unsupported');
  const verb = own(verbs, sub);
  if (!verb) throw new UsageError(`Invalid SEL command: ${sub}`);
  return verb(ctx, rest);
}
