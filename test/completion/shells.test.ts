/**
 * `ipmits completion bash|zsh|fish` in the real shells: each script is loaded the way the
 * shell loads it and asked for the candidates of a dozen command lines.
 *   bash: bash-completion's machinery (_init_completion), COMP_WORDS/COMP_CWORD/COMP_LINE set
 *         as readline sets them, the completion function called, COMPREPLY read back.
 *   zsh:  compsys (compinit) in an interactive zsh under zpty, TAB typed; a compadd wrapper
 *         writes the matches compsys adds to a file.
 *   fish: `complete -C LINE`.
 * Sensor names come from an SDR cache file for -H bmc1 and host names from an inventory,
 * both written here; nothing talks to a BMC. Under CI a missing shell fails the test.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFileName, encodeCache } from '../../src/sdr/cache.js';
import { nodeCacheIo } from '../../src/runtime/cache-io.js';

const { sha256 } = nodeCacheIo;
import { missing } from '../support/peers.js';
import { ipmitsCommand } from '../support/run.js';

/** A full sensor record (IPMI v2.0 §43.1) with only what completion reads: type and name. */
function fullSensor(id: number, name: string): Buffer {
  const body = Buffer.alloc(43 + name.length);
  body[7] = 0x01;
  body[42] = 0xc0 | name.length;
  body.write(name, 43, 'latin1');
  return Buffer.concat([Buffer.from([id & 0xff, id >> 8, 0x51, 0x01, body.length]), body]);
}

const SENSORS = ['CPU1 Temp', 'FAN 1', 'Sys Fan'];

/** Line typed (the cursor at its end) -> candidates expected (exactly, in any order). */
const CASES: [string, string[]][] = [
  ['ipmits ch', ['chassis', 'channel']],
  ['ipmits chassis bootdev p', ['pxe']],
  ['ipmits chassis bootdev pxe ', ['clear-cmos=yes', 'options=']],
  ['ipmits -I ', ['lan', 'lanplus', 'open']],
  ['ipmits -I lanplus -C ', ['0', '1', '2', '3', '6', '7', '8', '11', '12', '15', '16', '17']],
  ['ipmits -L ', ['CALLBACK', 'USER', 'OPERATOR', 'ADMINISTRATOR', 'OEM']],
  ['ipmits -H bmc1 sensor get ', SENSORS],
  ['ipmits -H bmc1 sdr get F', ['FAN 1']],
  ['ipmits -H ', ['node1', 'node2', 'node3', 'bmc9', '@group:rack1']],
  ['ipmits power o', ['on', 'off']],
  ['ipmits mc watchdog ', ['get', 'reset', 'off', 'set', 'help']],
  ['ipmits watchdog run --action ', ['none', 'reset', 'poweroff', 'powercycle']],
  ['ipmits watchdog run --arm', ['--arm-on-exit']],
  ['ipmits --format ', ['text', 'csv', 'json', 'table', 'prometheus']],
  ['ipmits completion ', ['bash', 'zsh', 'fish', 'help']],
];

let dir = '';
let env: Record<string, string> = {};

function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

/** Locally a missing shell skips its test; with CI set it is an error (test/support/peers.ts). */
const noShell = (shell: string): boolean => missing(has(shell), `${shell} (scripts/setup-debian.sh test installs it)`);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ipmits-completion-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const [cmd, ...pre] = ipmitsCommand();
  writeFileSync(path.join(bin, 'ipmits'), `#!/bin/sh\nexec ${[cmd, ...pre].map((a) => `'${a}'`).join(' ')} "$@"\n`);
  chmodSync(path.join(bin, 'ipmits'), 0o755);
  const sdrDir = path.join(dir, 'cache', 'ipmits', 'sdr');
  mkdirSync(sdrDir, { recursive: true, mode: 0o700 });
  const meta = { bmc: 'bmc1:623', source: 'repository' as const, info: '', guid: null, manufacturerId: 0, productId: 0, written: '' };
  writeFileSync(path.join(sdrDir, cacheFileName('bmc1', 623)), encodeCache({ meta, records: SENSORS.map((n, i) => fullSensor(i + 1, n)) }, sha256), {
    mode: 0o600,
  });
  const inv = path.join(dir, 'config', 'ipmits');
  mkdirSync(inv, { recursive: true });
  writeFileSync(path.join(inv, 'inventory.toml'), 'user = "admin"\n[groups.rack1]\nhosts = "node[1-3]"\n[hosts."bmc9"]\nport = 6230\n', { mode: 0o600 });
  env = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: dir,
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    LC_ALL: 'C',
    TERM: 'dumb',
  };
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = spawnSync('ipmits', ['completion', shell], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    writeFileSync(path.join(dir, shell === 'zsh' ? '_ipmits' : `ipmits.${shell}`), r.stdout);
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a script in a shell; the candidates of each case come back between markers. */
function collect(shell: string, script: string, timeout = 120_000): string[][] {
  if (process.env.KEEP_SCRIPT) writeFileSync(`/tmp/h/${shell}.script`, script);
  const r = spawnSync(shell, ['-c', script], { env, encoding: 'utf8', timeout, cwd: dir });
  if (r.status !== 0) throw new Error(`${shell} exited ${r.status ?? r.signal}: ${r.stderr}`);
  const out: string[][] = [];
  for (const block of r.stdout.split('@@CASE\n').slice(1)) out.push(block.split('\n').filter((l) => l !== '' && l !== '@@END'));
  return out;
}

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

describe('completion in real shells', () => {
  it.skipIf(noShell('bash'))('bash, with bash-completion', () => {
    const script = [
      'source /usr/share/bash-completion/bash_completion',
      `source ${sq(path.join(dir, 'ipmits.bash'))}`,
      'c() {',
      '  COMP_LINE=$1; COMP_POINT=${#1}',
      '  read -ra COMP_WORDS <<< "$1"',
      '  [[ $1 == *" " ]] && COMP_WORDS+=("")',
      '  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))',
      '  COMPREPLY=()',
      '  _ipmits_complete ipmits "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
      '  echo @@CASE; local w; for w in "${COMPREPLY[@]}"; do eval "printf \'%s\\n\' $w"; done',
      '}',
      ...CASES.map(([line]) => `c ${sq(line)}`),
    ].join('\n');
    const got = collect('bash', script);
    for (const [i, [line, want]] of CASES.entries()) expect(new Set(got[i]), line).toEqual(new Set(want));
  });

  it.skipIf(noShell('zsh'))('zsh, with compsys under zpty', () => {
    const hits = path.join(dir, 'zsh-hits');
    const zdot = path.join(dir, 'zdot');
    mkdirSync(zdot, { recursive: true });
    writeFileSync(
      path.join(zdot, '.zshrc'),
      [
        "PROMPT='' RPROMPT=''",
        `fpath=(${sq(dir)} $fpath)`,
        `autoload -U compinit && compinit -u -d ${sq(path.join(dir, 'zcompdump'))}`,
        // Record what compsys adds; -O/-A/-D calls only filter arrays and pass through.
        'compadd() {',
        '  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return; fi',
        '  local -a h; builtin compadd -A h "$@"',
        `  print -rl -- $h >> ${sq(hits)}`,
        '}',
        "zstyle ':completion:*' list-prompt ''",
        "zstyle ':completion:*' menu no",
        // Marks the moment line editing starts: before it the terminal is in canonical mode,
        // where a typed ^U erases the typed line (TAB and all) before zsh reads it.
        "zle-line-init() { print -rn -- '@@LINE@@' }",
        'zle -N zle-line-init',
      ].join('\n'),
    );
    const script = [
      'zmodload zsh/zpty',
      `export ZDOTDIR=${sq(zdot)}`,
      'zpty z zsh -i',
      // Typed markers differ from their output ("" inside), so the echo of the typing never matches.
      'zpty -w z \'echo @@RE""ADY@@\'',
      'zpty -r z out "*@@READY@@*@@LINE@@*" || exit 1',
      'n=0',
      'c() {',
      `  : > ${sq(hits)}`,
      '  n=$((n+1))',
      '  zpty -w -n z "$1"$\'\\t\'',
      "  zpty -w -n z $'\\C-u'",
      '  zpty -w z "echo @@DO\\"\\"NE$n@@"',
      '  zpty -r z out "*@@DONE$n@@*@@LINE@@*" || { echo "zpty read failed" >&2; exit 1; }',
      `  echo @@CASE; cat ${sq(hits)}`,
      '}',
      ...CASES.map(([line]) => `c ${sq(line)}`),
      'zpty -d z',
    ].join('\n');
    // compsys hands compadd the words quoted for the command line ('CPU1\\ Temp').
    const got = collect('zsh', script).map((c) => c.map((w) => w.replace(/\\(.)/g, '$1')));
    for (const [i, [line, want]] of CASES.entries()) expect(new Set(got[i]), line).toEqual(new Set(want));
  });

  it.skipIf(noShell('fish'))('fish, with complete -C', () => {
    const script = [
      `source ${sq(path.join(dir, 'ipmits.fish'))}`,
      ...CASES.map(([line]) => `echo @@CASE; complete -C ${sq(line)} | string replace -r '\\t.*' ''`),
      'exit 0',
    ].join('\n');
    const got = collect('fish', script);
    for (const [i, [line, want]] of CASES.entries()) expect(new Set(got[i]), line).toEqual(new Set(want));
  });
});
