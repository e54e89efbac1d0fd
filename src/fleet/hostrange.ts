/**
 * Hostranges as FreeIPMI and pdsh write them (LLNL hostlist), extended:
 *   `bmc[01-64].dc1,spare[1,3-5]`  lists and bracket ranges, zero padding kept
 *   `r[1-2]n[01-04]`               several ranges in one name (FreeIPMI cannot)
 *   `host:port`, `[ipv6]:port`     a port per host; brackets holding a ':' are an address
 *   `@FILE`                        one host or range per line, `#` comments
 *   `@group:NAME`                  a group of the inventory (src/fleet/inventory.ts)
 * Duplicates are removed, first occurrence kept. foldHosts() is the inverse (`bmc[1-3,7]`),
 * used by --gather. Pure: files and groups come through HostrangeDeps.
 */
import { UsageError } from '../errors.js';

/** LLNL hostlist allows 16384 hosts per bracket range; the same bound holds for a whole run. */
export const MAX_HOSTS = 16384;
/** How deep @FILE and @group:NAME may refer to further files and groups. */
const MAX_DEPTH = 4;

export interface Target {
  /** The name as the user wrote it, after expansion: what output is prefixed with. */
  label: string;
  /** Host name or address to resolve (IPv6 without brackets). */
  host: string;
  /** Only when the range gave one; else -p or the inventory decides. */
  port?: number;
}

export interface HostrangeDeps {
  /** `-H @FILE`: the file's text (throws a one-line error if it cannot be read). */
  readFile(path: string): string;
  /** `-H @group:NAME`: the group's hostrange strings, undefined for an unknown group. */
  group?(name: string): readonly string[] | undefined;
}

/**
 * True when `-H` names more than one host or uses range syntax: a plain name, address or
 * bracketed IPv6 literal keeps the single-host behaviour (ipmitool's output, unprefixed).
 */
export function isHostrange(spec: string): boolean {
  if (spec.startsWith('@') || /[,\s]/.test(spec)) return true;
  return parts(spec).some((p) => p.kind === 'range');
}

/** Expand `-H` into targets (duplicates removed, order kept); a bad range is one UsageError. */
export function expandHostrange(spec: string, deps: HostrangeDeps): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const label of expandLabels(spec, deps, 0)) {
    if (seen.has(label)) continue;
    seen.add(label);
    out.push(parseLabel(label));
  }
  if (out.length === 0) throw new UsageError(`Hostrange '${spec}' names no host`, undefined, 'hostrange');
  return out;
}

function expandLabels(spec: string, deps: HostrangeDeps, depth: number): string[] {
  if (depth > MAX_DEPTH) throw new UsageError(`Hostrange '${spec}': @FILE and @group nested more than ${MAX_DEPTH} deep`, undefined, 'hostrange');
  const out: string[] = [];
  for (const item of splitTop(spec)) {
    if (item.startsWith('@group:')) {
      const name = item.slice('@group:'.length);
      const members = deps.group?.(name);
      if (members === undefined) throw new UsageError(`Unknown host group '${name}' (no [groups.${name}] in the inventory)`, undefined, 'hostrange');
      for (const m of members) out.push(...expandLabels(m, deps, depth + 1));
    } else if (item.startsWith('@')) {
      for (const line of deps.readFile(item.slice(1)).split('\n')) {
        const text = line.replace(/#.*/, '').trim();
        if (text) out.push(...expandLabels(text, deps, depth + 1));
      }
    } else {
      expandOne(item, out);
    }
    if (out.length > MAX_HOSTS) throw tooMany(spec);
  }
  return out;
}

function tooMany(spec: string): UsageError {
  const shown = spec.length > 60 ? `${spec.slice(0, 57)}...` : spec;
  return new UsageError(`Hostrange '${shown}' names more than ${MAX_HOSTS} hosts`, undefined, 'hostrange');
}

/** Items separated by commas or white space outside brackets. */
function splitTop(spec: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of spec) {
    if (ch === '[') depth++;
    else if (ch === ']') {
      if (depth === 0) throw new UsageError(`Hostrange '${spec}': ']' without '['`, undefined, 'hostrange');
      depth--;
    }
    if (depth === 0 && (ch === ',' || /\s/.test(ch))) {
      if (cur) items.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (depth !== 0) throw new UsageError(`Hostrange '${spec}': '[' without ']'`, undefined, 'hostrange');
  if (cur) items.push(cur);
  return items;
}

type Part = { kind: 'text'; text: string } | { kind: 'range'; values: string[]; source: string };

/** A name cut into literal text and numeric bracket ranges; `[...]` holding ':' is an IPv6 literal. */
function parts(item: string): Part[] {
  const out: Part[] = [];
  let i = 0;
  while (i < item.length) {
    const open = item.indexOf('[', i);
    if (open < 0) {
      out.push({ kind: 'text', text: item.slice(i) });
      break;
    }
    const close = item.indexOf(']', open);
    if (close < 0) throw new UsageError(`Hostrange '${item}': '[' without ']'`, undefined, 'hostrange');
    if (open > i) out.push({ kind: 'text', text: item.slice(i, open) });
    const body = item.slice(open + 1, close);
    if (body.includes(':')) out.push({ kind: 'text', text: item.slice(open, close + 1) });
    else out.push({ kind: 'range', values: rangeValues(body, item), source: body });
    i = close + 1;
  }
  return out;
}

/** `01-04,7` -> ['01','02','03','04','7']: each piece padded to the width of its lower bound. */
function rangeValues(body: string, item: string): string[] {
  const values: string[] = [];
  for (const piece of body.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(piece);
    if (!m) throw new UsageError(`Hostrange '${item}': '[${body}]' is not a list of numbers and ranges (like [1-4,7])`, undefined, 'hostrange');
    const lo = m[1]!;
    const hi = m[2] ?? lo;
    const a = Number(lo);
    const b = Number(hi);
    if (b < a) throw new UsageError(`Hostrange '${item}': range ${piece} runs backwards`, undefined, 'hostrange');
    if (b - a + 1 + values.length > MAX_HOSTS) throw tooMany(item);
    for (let n = a; n <= b; n++) values.push(String(n).padStart(lo.length, '0'));
  }
  return values;
}

/** The cartesian product of an item's ranges, first range outermost. */
function expandOne(item: string, out: string[]): void {
  let names = [''];
  for (const p of parts(item)) {
    if (p.kind === 'text') names = names.map((n) => n + p.text);
    else {
      if (names.length * p.values.length > MAX_HOSTS) throw tooMany(item);
      names = names.flatMap((n) => p.values.map((v) => n + v));
    }
  }
  out.push(...names);
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`, a bare IPv6 address (no port). */
export function parseLabel(label: string): Target {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(label);
  if (v6) return withPort(label, v6[1]!, v6[2]);
  const colons = label.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = label.split(':') as [string, string];
    if (!/^\d+$/.test(port) || host === '') throw new UsageError(`Invalid host '${label}' (HOST:PORT, PORT a number)`, undefined, 'hostrange');
    return withPort(label, host, port);
  }
  return { label, host: label };
}

function withPort(label: string, host: string, port: string | undefined): Target {
  if (port === undefined) return { label, host };
  const n = Number(port);
  if (n < 1 || n > 65535) throw new UsageError(`Invalid port in '${label}' (1-65535)`, undefined, 'hostrange');
  return { label, host, port: n };
}

/**
 * Fold names into ranged form, the inverse of expansion: `bmc1,bmc2,bmc3,bmc7` -> `bmc[1-3,7]`.
 * Names with the same text between their digit runs form a family; the digit run folded is the
 * one giving the fewest groups, the last on a tie (so `bmc[01-64].dc1` folds the 01-64); names
 * agreeing on every other run and on zero padding share brackets. Sorted by name, numbers ascending.
 */
export function foldHosts(labels: readonly string[]): string {
  const families = new Map<string, string[][]>();
  const plain: string[] = [];
  for (const label of new Set(labels)) {
    if (label.includes('[') || !/\d/.test(label)) {
      plain.push(label);
      continue;
    }
    const pieces = label.split(/(\d+)/); // text, digits, text, digits, ..., text
    const skeleton = pieces.filter((_, i) => i % 2 === 0).join('#');
    let f = families.get(skeleton);
    if (!f) families.set(skeleton, (f = []));
    f.push(pieces);
  }
  const folded: Array<{ sort: string; first: number; text: string }> = [];
  for (const members of families.values()) {
    const runs = (members[0]!.length - 1) / 2;
    let idx = 2 * runs - 1;
    let groups = groupBy(members, idx);
    for (let at = runs - 2; at >= 0; at--) {
      const other = groupBy(members, 2 * at + 1);
      if (other.size < groups.size) [idx, groups] = [2 * at + 1, other];
    }
    for (const g of groups.values()) {
      if (g.nums.size === 0) continue;
      const nums = [...g.nums].sort((a, b) => a - b);
      const pad = (n: number): string => String(n).padStart(g.width, '0');
      const ranges: string[] = [];
      for (let i = 0; i < nums.length; ) {
        let j = i;
        while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
        ranges.push(i === j ? pad(nums[i]!) : `${pad(nums[i]!)}-${pad(nums[j]!)}`);
        i = j + 1;
      }
      const middle = nums.length === 1 ? pad(nums[0]!) : `[${ranges.join(',')}]`;
      const before = g.pieces.slice(0, idx).join('');
      folded.push({ sort: before, first: nums[0]!, text: before + middle + g.pieces.slice(idx + 1).join('') });
    }
  }
  folded.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.first - b.first));
  return [...folded.map((f) => f.text), ...plain.sort()].join(',');
}

type Group = { pieces: string[]; width: number; nums: Set<number> };

/** Members sharing everything but the digit run at `idx` (and its zero padding). */
function groupBy(members: string[][], idx: number): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const m of members) {
    const digits = m[idx]!;
    const width = digits.length > 1 && digits.startsWith('0') ? digits.length : 0;
    const key = `${m.map((p, i) => (i === idx ? '' : p)).join('\u0000')}\u0000${width}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { pieces: m, width, nums: new Set() }));
    g.nums.add(Number(digits));
  }
  // `bmc10` belongs with `bmc[01-09]`: an unpadded number as wide as a padded group joins it.
  for (const [key, g] of groups) {
    if (g.width !== 0) continue;
    for (const n of [...g.nums]) {
      const padded = groups.get(key.replace(/0$/, String(String(n).length)));
      if (padded && padded !== g) {
        padded.nums.add(n);
        g.nums.delete(n);
      }
    }
    if (g.nums.size === 0) groups.delete(key);
  }
  return groups;
}
