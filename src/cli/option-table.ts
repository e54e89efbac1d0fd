/**
 * Options by flag ('-H <host>': takes a value; '-v': does not), each with the function that takes
 * its value, and commander 14's grammar over them. ipmits parsed its argv with commander until
 * loading it proved to cost every run of the Bun executable ~5 MiB and a few ms (issue 12,
 * docs/benchmarks.md "Fast start, second pass"); commander stays a dev dependency, the reference
 * that option-table.test.ts holds this table to on thousands of seeded random command lines.
 */
import { UsageError } from '../errors.js';

/**
 * Options anywhere among the operands, `-vvC3` a cluster of short options ending in one that takes
 * the rest as its value, `--format=json`, a value taken whatever it looks like (`-P -5`), `--` ends
 * the options. Every function runs in argv order; an unknown option is reported after all of them,
 * a missing value at once.
 */
export class OptionTable {
  private readonly byFlag = new Map<string, { takesValue: boolean; take: (value: string) => void }>();
  readonly longFlags = new Set<string>();
  /** The flags as declared ('-H <host>'), in order. */
  readonly specs: string[] = [];

  option(flags: string, _what: string, take: (value: string) => void): this {
    const [flag, value] = flags.split(' ') as [string, string | undefined];
    this.byFlag.set(flag, { takesValue: value !== undefined, take });
    this.specs.push(flags);
    if (flag.startsWith('--')) this.longFlags.add(flag);
    return this;
  }

  /** Runs the options' functions; returns the operands. */
  parse(argv: readonly string[]): string[] {
    const operands: string[] = [];
    let unknown: string | undefined;
    const isOption = (a: string): boolean => a.length > 1 && a.startsWith('-');
    words: for (let i = 0; i < argv.length; i++) {
      let arg = argv[i]!;
      for (;;) {
        if (arg === '--') {
          // also the rest of a cluster: `-s-` is `-s --`, as with commander
          if (unknown === undefined) operands.push(...argv.slice(i + 1));
          break words;
        }
        const exact = isOption(arg) ? this.byFlag.get(arg) : undefined;
        if (exact) {
          if (!exact.takesValue) exact.take('');
          else if (i + 1 < argv.length) exact.take(argv[++i]!);
          else throw missingValue(arg);
          break;
        }
        const first = arg.length > 2 && arg[0] === '-' && arg[1] !== '-' ? this.byFlag.get(arg.slice(0, 2)) : undefined;
        if (first) {
          if (first.takesValue) {
            first.take(arg.slice(2));
            break;
          }
          first.take('');
          arg = `-${arg.slice(2)}`; // the rest of the cluster
          continue;
        }
        const eq = /^--[^=]+=/.test(arg) ? arg.indexOf('=') : -1;
        const long = eq > 0 ? this.byFlag.get(arg.slice(0, eq)) : undefined;
        if (long?.takesValue) long.take(arg.slice(eq + 1));
        else if (isOption(arg)) unknown ??= arg;
        else if (unknown === undefined) operands.push(arg);
        break;
      }
    }
    if (unknown !== undefined) throw unknownOption(unknown);
    return operands;
  }
}

/** The option as glibc getopt names it in its two argv errors (up to a quote or a space, as before). */
function optionWord(arg: string): string {
  return /^-{1,2}[^' ]+/.exec(arg)?.[0] ?? '';
}

/** glibc getopt's wording for an unknown option. */
function unknownOption(arg: string): UsageError {
  const opt = optionWord(arg);
  return new UsageError(opt.startsWith('--') ? `ipmits: unrecognized option '${opt}'` : `ipmits: invalid option -- '${opt.slice(1)}'`, 'options', 'usage');
}

/** glibc getopt's wording for an option without its value. */
function missingValue(arg: string): UsageError {
  const opt = optionWord(arg);
  return new UsageError(
    opt.startsWith('--') ? `ipmits: option '${opt}' requires an argument` : `ipmits: option requires an argument -- '${opt.slice(1)}'`,
    'options',
    'usage',
  );
}
