/**
 * IANA Private Enterprise Numbers (manufacturer IDs) → organisation names, read the
 * way ipmitool 1.8.19 (Debian) reads its registry file, with a small built-in table
 * of BMC vendors for systems that lack the file.
 *
 * File format (https://www.iana.org/assignments/enterprise-numbers.txt): a line that
 * starts with a digit holds the number; the next line holds the organisation,
 * indented by exactly two spaces. Any other pair of lines is skipped. The first
 * entry for a number wins.
 */
import { unknownName } from './oem-products.js';

/** Debian's names and order: the user's copy first, then the system one. */
export const USER_REGISTRY = '.local/usr/share/misc/enterprise-numbers.txt';
export const SYSTEM_REGISTRY = '/usr/share/misc/enterprise-numbers.txt';

export interface PenRegistry {
  /** The file the names came from, or "built-in". */
  readonly source: string;
  readonly size: number;
  /** The registry's name for a number, if it has one. */
  lookup(pen: number): string | undefined;
}

/** Numbers ipmitool names itself, before the registry (IPMI v2.0 §20.1: 0FFFFFh is reserved). */
const HEAD: ReadonlyMap<number, string> = new Map([
  [0x000000, 'Unknown'],
  [0x0fffff, 'Unspecified'],
]);
/** ipmitool's own test ID, after the registry. */
const TAIL: ReadonlyMap<number, string> = new Map([[0xfffffe, 'A Debug Assisting Company, Ltd.']]);

/** The name ipmitool would find for a manufacturer ID, if any. */
export function manufacturerName(registry: PenRegistry, pen: number): string | undefined {
  return HEAD.get(pen) ?? registry.lookup(pen) ?? TAIL.get(pen);
}

/** "Manufacturer Name" as ipmitool prints it: "Unknown (0x%02X)" when no name is known. */
export function manufacturerLabel(registry: PenRegistry, pen: number): string {
  return manufacturerName(registry, pen) ?? unknownName(pen);
}

const NL = 0x0a;
const SPACE = 0x20;
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** Names by number, as parsed from a file. */
export interface PenNames {
  /** How many numbers have a name (reads the whole file). */
  readonly size: number;
  /** Whether no number has a name (reads only up to the first entry). */
  isEmpty(): boolean;
  get(pen: number): string | undefined;
}

/**
 * The entries of a registry file, parsed lazily: a lookup reads on from where the last one
 * stopped, only until its number turns up (ipmitool's first-entry-wins rule needs nothing
 * after it). `mc info` thus reads a few kilobytes of the 4.7 MB file, not all of it. Names are
 * decoded (UTF-8, as the file is) only when looked up.
 */
export function parsePenRegistry(buf: Uint8Array): PenNames {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  // number → start offset * 2^16 + length of its name (names are far shorter than 64 KiB)
  const where = new Map<number, number>();
  const len = b.length;
  let pos = 0;
  /** One line, or a number line and its organisation line. */
  const step = (): void => {
    let eol = b.indexOf(NL, pos);
    if (eol < 0) eol = len;
    if (!isDigit(b[pos])) {
      pos = eol + 1;
      return;
    }
    // strtol: the leading digits; anything after them is ignored.
    let pen = 0;
    for (let i = pos; i < eol && isDigit(b[i]); i++) pen = pen * 10 + (b[i]! - 0x30);
    // The organisation line is consumed whether or not it is valid.
    const start = eol + 1;
    if (start >= len) {
      pos = len;
      return;
    }
    let end = b.indexOf(NL, start);
    if (end < 0) end = len;
    pos = end + 1;
    const entry = organisation(b, start, end);
    if (entry !== undefined && !where.has(pen)) where.set(pen, entry);
  };
  const readUntil = (done: () => boolean): void => {
    while (pos < len && !done()) step();
  };
  return {
    get size() {
      readUntil(() => false);
      return where.size;
    },
    isEmpty() {
      readUntil(() => where.size > 0);
      return where.size === 0;
    },
    get(pen) {
      if (!where.has(pen) && pos < len) {
        const found = findEntry(b, pen);
        if (found !== 'unsure') {
          if (found !== undefined) where.set(pen, found);
          return found === undefined ? undefined : decodeName(b, found);
        }
      }
      readUntil(() => where.has(pen));
      const w = where.get(pen);
      return w === undefined ? undefined : decodeName(b, w);
    },
  };
}

function decodeName(b: Buffer, where: number): string {
  const start = Math.floor(where / 0x10000);
  return b.toString('utf8', start, start + (where % 0x10000));
}

/**
 * One number's first entry found by a native byte search instead of a scan line by line (which,
 * under Bun, costs `mc info` ~30 ms of CPU and ~8 MiB of JIT, for the ~19,000 lines before 4753).
 * The answer is the scan's as long as every line that could hold the number starts a step of it:
 * a line "<pen>..." after a line that does not start with a digit does. Anything else (a candidate
 * right after a number line, a number written with leading zeros before the entry) answers 'unsure', and
 * the caller scans. Returns the entry's offset and length packed as in parsePenRegistry.
 */
function findEntry(b: Buffer, pen: number): number | undefined | 'unsure' {
  if (!Number.isSafeInteger(pen) || pen < 0) return 'unsure';
  const r = scanEntry(b, String(pen), 0, true, false, true);
  return typeof r === 'object' ? ('entry' in r ? r.entry : 'unsure') : r === 'absent' ? undefined : r;
}

/** What scanEntry found: the entry (packed as in parsePenRegistry), none, findEntry's doubt, or where to read on. */
type Scan = { entry: number } | 'absent' | 'unsure' | { keep: number; from: number };

/**
 * The byte search for the first entry of the number `digits` in `v`, from `from` (a line start or the
 * newline before one): findEntry's rules. `end`: the file ends with `v`; if not, a candidate whose
 * lines run past `v` (or no candidate) answers where to read on: keep `v` from `keep` (the line before
 * the next candidate), search again from `from`. `zeros`: a line before `v` starts "0<digit>".
 * `fileStart`: `v` starts the file (its first line follows no newline).
 */
function scanEntry(v: Buffer, digits: string, from: number, end: boolean, zeros: boolean, fileStart: boolean): Scan {
  const have = v.length;
  const needle = `\n${digits}`;
  const zeroBefore = (line: number): boolean => zeros || zeroLine(v, line);
  const next = (at: number): number => {
    const i = v.indexOf(needle, at);
    return i < 0 ? -1 : i + 1;
  };
  for (let line = fileStart && from === 0 && v.toString('latin1', 0, digits.length) === digits ? 0 : next(from); line >= 0; line = next(line)) {
    const after = line + digits.length;
    if (after >= have && !end) return { keep: lineBefore(v, line), from: line - 1 };
    if (isDigit(v[after])) continue; // 47530, not 4753
    const prev = lineBefore(v, line);
    if (prev < line - 1 && isDigit(v[prev])) return 'unsure'; // maybe that number's organisation line
    const eol = v.indexOf(NL, line);
    const start = eol < 0 ? have : eol + 1;
    let stop = start < have ? v.indexOf(NL, start) : -1;
    if (!end && (eol < 0 || stop < 0)) return { keep: prev, from: line - 1 };
    if (start >= have) return zeroBefore(have) ? 'unsure' : 'absent'; // the number on the last line
    if (stop < 0) stop = have;
    const entry = organisation(v, start, stop);
    if (entry !== undefined) return zeroBefore(line) ? 'unsure' : { entry };
  }
  if (end) return zeroBefore(have) ? 'unsure' : 'absent';
  const last = v.lastIndexOf(NL); // a candidate may start after it: keep the line before too
  return { keep: lineBefore(v, last + 1), from: last };
}

/**
 * The organisation line from start to end (its newline), if valid (indented by exactly two spaces):
 * offset * 2^16 + length of the name. ipmitool keeps the text up to a NUL byte, without the newline.
 */
function organisation(b: Buffer, start: number, end: number): number | undefined {
  if (b[start] !== SPACE || b[start + 1] !== SPACE || b[start + 2] === SPACE) return undefined;
  let stop = start + 2;
  while (stop < end && b[stop] !== 0) stop++;
  return (start + 2) * 0x10000 + Math.min(stop - start - 2, 0xffff);
}

/** A few BMC vendors, named exactly as in the IANA registry, for systems without the file. */
const BUILT_IN: readonly (readonly [number, string])[] = [
  [2, 'IBM (https://w3.ibm.com/standards )'],
  [9, 'ciscoSystems'],
  [11, 'Hewlett-Packard'],
  [42, 'Sun Microsystems'],
  [94, 'Nokia'],
  [107, 'Bull Company'],
  [111, 'Oracle'],
  [116, 'Hitachi, Ltd.'],
  [119, 'NEC Corporation'],
  [186, 'Toshiba Corporation'],
  [193, 'Ericsson AB'],
  [211, 'Fujitsu Limited'],
  [343, 'Intel Corporation'],
  [373, 'Tatung Co., Ltd.'],
  [399, 'Hitachi Computer Products (America), Inc.'],
  [674, 'Dell Inc.'],
  [1139, 'EMC Corp'],
  [2011, 'HUAWEI Technology Co.,Ltd'],
  [2168, 'LMC Lan Management Consulting GmbH'],
  [2623, 'ASUSTek Computer Inc.'],
  [3704, 'Advanced Micro Devices, Inc'],
  [4337, 'RadiSys Corp.'],
  [4413, 'Broadcom Limited'],
  [4753, 'MontaVista Software, Inc.'],
  [4769, 'IBM Corporation'],
  [5593, 'Magnum Technologies Inc.'],
  [5703, 'NVIDIA Corporation'],
  [5771, 'Cisco Systems, Inc.'],
  [6569, 'INVENTEC CORPORATION'],
  [6653, 'Tyan Computer Corporation'],
  [7154, 'Intelligent Platform Management Interface forum'],
  [7244, 'Quanta Computer Inc.'],
  [9237, 'Viking Enterprise Solutions'],
  [10297, 'Advantech Co., Ltd.'],
  [10368, "Fujitsu Technology Solutions GmbH (formerly 'Fujitsu Siemens Computers')"],
  [10418, 'Avocent Corporation'],
  [10437, 'Peppercon AG'],
  [10876, 'Super Micro Computer Inc.'],
  [11102, 'OSA Technologies Inc.'],
  [11129, 'Google, Inc.'],
  [11183, 'Mitac International Corp.'],
  [12634, 'PICMG'],
  [13742, 'Raritan Computer, Inc.'],
  [15000, 'Kontron Canada Inc'],
  [15370, 'GIGA-BYTE TECHNOLOGY CO., LTD'],
  [16394, "nVent, Schroff GmbH (formerly 'Pentair Technical Products,' formerly 'Pigeon Point Systems')"],
  [19046, 'Lenovo Enterprise Business Group'],
  [20301, 'IBM eServer X'],
  [20569, 'Inventec Enterprise System Corp.'],
  [20974, 'American Megatrends, Inc'],
  [21317, 'ATEN INTERNATIONAL CO., LTD.'],
  [24339, 'ADLINK TECHNOLOGY INC.'],
  [25506, 'H3C'],
  [27500, 'Dawning Ltd.'],
  [28458, "Nokia Networks (formerly 'Nokia Siemens Networks')"],
  [33049, 'Mellanox Technologies LTD'],
  [33196, 'VITA'],
  [37945, 'Inspur(BeiJing) Electronic Information Industry Co.,Ltd'],
  [40092, 'Wiwynn Corporation'],
  [40981, 'Facebook, Inc.'],
  [42385, 'AIC Inc.'],
  [47196, 'Hewlett Packard Enterprise'],
  [47488, 'Nedam ENG. Co., ltd.'],
  [49622, 'ASRock Rack Incorporation'],
  [49769, 'YADRO'],
  [49871, 'OpenBMC Project'],
  [51974, 'Raptor Computing Systems, LLC'],
  [52538, 'Ampere Computing'],
  [58132, 'xFusion Digital Technologies Co., Ltd.'],
];

function registryOf(source: string, names: PenNames): PenRegistry {
  return {
    source,
    get size() {
      return names.size;
    },
    lookup: (pen) => names.get(pen),
  };
}

export function builtInRegistry(): PenRegistry {
  const names = new Map(BUILT_IN);
  return registryOf('built-in', { size: names.size, isEmpty: () => names.size === 0, get: (pen) => names.get(pen) });
}

export interface LoadedRegistry {
  registry: PenRegistry;
  /** Why the built-in table is in use (ipmitool's wording where it has one), for -v. */
  warnings: string[];
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
};

/** Candidate files, in ipmitool's order. */
export function registryPaths(env: Readonly<Record<string, string | undefined>>): string[] {
  const home = env.HOME;
  return home !== undefined ? [`${home}/${USER_REGISTRY}`, SYSTEM_REGISTRY] : [SYSTEM_REGISTRY];
}

/**
 * A registry file opened for reading at offsets: `read` fills `into` from `position` and says how
 * many bytes it put there (0 at the end of the file). Errors carry `code` as node:fs's do (ENOENT,
 * EACCES, EISDIR...), at the open or at the first read. The reader is the caller's (src/runtime/).
 */
export interface RegistryFile {
  read(into: Uint8Array, position: number): Promise<number>;
  close(): Promise<void>;
}
/** Opens a registry file; undefined (or ENOENT thrown) when there is none: the next candidate is tried. */
export type OpenRegistryFile = (path: string) => Promise<RegistryFile | undefined>;

/** The window a lookup reads the registry through (findInWindows). */
const WINDOW = 64 * 1024;
/** The first prefix read when the window cannot decide (namesUpTo); each further read doubles it. */
const FIRST_READ = 256 * 1024;

/** ipmitool's text for a failed open (strerror), else the code. */
function openError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return ERRNO_TEXT[code] ?? code;
}

/** The registry from a file's names, or the built-in table when it has none. */
function fromFile(path: string, names: PenNames): LoadedRegistry {
  if (!names.isEmpty()) return { registry: registryOf(path, names), warnings: [] };
  // ipmitool 1.8.19 gives up here ("Failed to initialize the OEM info dictionary").
  return { registry: builtInRegistry(), warnings: [`IANA PEN registry ${path} has no entries; using the built-in vendor table`] };
}

const openFailed = (lastError: string): LoadedRegistry => ({
  registry: builtInRegistry(),
  warnings: [`IANA PEN registry open failed: ${lastError}; using the built-in vendor table`],
});

/**
 * Read the registry whole: the user's file, else the system one, else the built-in table.
 * Nothing is cached (each call reads the file again); call it only when a name is needed.
 */
export function loadPenRegistry(env: Readonly<Record<string, string | undefined>>, readFile: (path: string) => Uint8Array): LoadedRegistry {
  let lastError = 'No such file or directory';
  for (const path of registryPaths(env)) {
    let data: Uint8Array;
    try {
      data = readFile(path);
    } catch (e) {
      lastError = openError(e);
      continue;
    }
    return fromFile(path, parsePenRegistry(data));
  }
  return openFailed(lastError);
}

/**
 * loadPenRegistry for one number's name (`mc info`), reading each file from its start only as far as
 * that number's entry: through one window of 64 KiB (findInWindows), or, where the window cannot
 * decide, prefixes twice as long each time (namesUpTo). The registry answers `pen`; any other number
 * only if its entry is in the part read (it throws otherwise, never guesses). A file that cannot be
 * opened or read counts as missing, as ipmitool's fopen failing does.
 */
export async function loadPenRegistryFor(
  env: Readonly<Record<string, string | undefined>>,
  pen: number,
  open: OpenRegistryFile,
): Promise<LoadedRegistry> {
  let lastError = 'No such file or directory';
  for (const path of registryPaths(env)) {
    let names: PenNames;
    try {
      const file = await open(path);
      if (!file) continue; // no such file: lastError already says so, as it does for the first
      try {
        const found = HEAD.has(pen) ? 'unsure' : await findInWindows(file, pen);
        names = typeof found === 'object' ? oneName(pen, found.name) : await namesUpTo(file, pen);
      } finally {
        await file.close();
      }
    } catch (e) {
      lastError = openError(e);
      continue;
    }
    return fromFile(path, names);
  }
  return openFailed(lastError);
}

/**
 * `pen`'s first entry found through one window of `size` bytes moved from the start of the file to
 * the end: findEntry's search (scanEntry) window by window, the line-by-line scan's answer with the memory of one window, not of
 * the file read so far (`mc info` on ipmi_sim: 4753, at 341 KiB of the 4.7 MB file). Each window
 * keeps the line before the next candidate; lines dropped from it are remembered only for what
 * findEntry asks of them (one starting with "0<digit>"). The name, undefined when the file ends
 * without the entry, or 'unsure' where findEntry is, or where a window cannot hold three lines in
 * a row (a candidate, the line before it, its organisation line).
 */
export async function findInWindows(file: RegistryFile, pen: number, size = WINDOW): Promise<{ name: string } | undefined | 'unsure'> {
  if (!Number.isSafeInteger(pen) || pen < 0) return 'unsure';
  const digits = String(pen);
  const b = Buffer.allocUnsafe(size);
  let have = 0; // bytes of b in use
  let next = 0; // the file offset of b[have]
  let end = false; // the file ends at b[have]
  let zeros = false; // a line dropped from b starts "0<digit>" (strtol reads "04753" as 4753)
  let from = 0; // where the search goes on
  for (let fileStart = true; ; fileStart = false) {
    while (!end && have < size) {
      const n = await file.read(b.subarray(have), next);
      if (n <= 0) {
        end = true;
      } else {
        have += n;
        next += n;
      }
    }
    const v = b.subarray(0, have);
    const r = scanEntry(v, digits, from, end, zeros, fileStart);
    if (r === 'unsure') return r;
    if (r === 'absent') return undefined;
    if ('entry' in r) return { name: decodeName(v, r.entry) };
    if (r.keep === 0) return 'unsure'; // the lines to keep fill the window (which is full: the file goes on)
    zeros ||= zeroLine(v, r.keep);
    b.copyWithin(0, r.keep, have);
    have -= r.keep;
    from = r.from - r.keep;
  }
}

/** Where the line before the one at `line` starts in `v` (0 when it is the first line of `v`). */
function lineBefore(v: Buffer, line: number): number {
  return line >= 2 ? v.lastIndexOf(NL, line - 2) + 1 : 0;
}

/** Whether a line starting before `end` in `v` (which starts with a line) starts "0<digit>". */
function zeroLine(v: Buffer, end: number): boolean {
  if (v[0] === 0x30 && isDigit(v[1]) && end > 0) return true;
  const head = v.subarray(0, end);
  for (let z = head.indexOf('\n0'); z !== -1; z = head.indexOf('\n0', z + 1)) if (z + 1 < end && isDigit(v[z + 2])) return true;
  return false;
}

/** The names of a registry read only as far as `pen`'s entry, named `name`. */
function oneName(pen: number, name: string): PenNames {
  return {
    get size(): number {
      throw partial(pen);
    },
    isEmpty: () => false,
    get(n) {
      if (n !== pen) throw partial(pen);
      return name;
    },
  };
}

const partial = (pen: number): Error => new RangeError(`the IANA registry was read only as far as the entry for ${pen}`);

/**
 * Names read from the start of the file as far as `pen` needs, where findInWindows cannot say:
 * prefixes twice as long each time, from 256 KiB. An entry found in whole lines of a prefix is the
 * one the whole file gives (findEntry looks at nothing after it). A number ipmitool names itself
 * (HEAD) needs only the first entry, to know the file has one.
 */
async function namesUpTo(file: RegistryFile, pen: number): Promise<PenNames> {
  for (let upTo = FIRST_READ; ; upTo *= 2) {
    const b = await prefix(file, upTo);
    if (b.length < upTo) return parsePenRegistry(b); // the whole file
    const lines = wholeLines(b);
    if (HEAD.has(pen)) {
      if (!parsePenRegistry(lines).isEmpty()) return partialNames(lines, pen, undefined);
    } else {
      const at = findEntry(lines, pen);
      if (typeof at === 'number') return partialNames(lines, pen, at);
    }
  }
}

/** The first `upTo` bytes of the file (fewer at its end). */
async function prefix(file: RegistryFile, upTo: number): Promise<Buffer> {
  const b = Buffer.allocUnsafe(upTo);
  let got = 0;
  for (let n = -1; got < upTo && n !== 0; got += n) n = await file.read(b.subarray(got), got);
  return b.subarray(0, got);
}

/** The names of a prefix's whole lines, which hold `pen`'s entry at `at` (or, for a HEAD number, some entry). */
function partialNames(lines: Buffer, pen: number, at: number | undefined): PenNames {
  return {
    get size(): number {
      throw partial(pen);
    },
    isEmpty: () => false,
    get(n) {
      const found = n === pen && at !== undefined ? at : findEntry(lines, n);
      if (typeof found !== 'number') throw partial(pen);
      return decodeName(lines, found);
    },
  };
}

/** The complete lines at the start of a prefix. */
function wholeLines(b: Uint8Array): Buffer {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return buf.subarray(0, buf.lastIndexOf(NL) + 1);
}
