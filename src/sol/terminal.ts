/**
 * The terminal during `sol activate`: ipmitool's raw mode on a TTY, restored on
 * every way out. Node's setRawMode keeps output post-processing (ONLCR), which
 * would turn the console's "\n" into "\r\n"; ipmitool clears OPOST so console
 * bytes reach the screen (and conserver's log) unchanged. So the exact termios
 * change is made with stty(1) on our stdin, and undone with the saved `stty -g`.
 */
import { spawnSync } from 'node:child_process';

export interface Terminal {
  /** stdin is a terminal: raw mode applies (pipes and files stay as they are). */
  readonly isTty: boolean;
  /** Raw mode is on now. */
  readonly isRaw: boolean;
  enterRaw(): void;
  /** Back to the mode found at start; safe to call twice, or without enterRaw(). */
  restore(): void;
  /** ~^Z / ~^X: stop (SIGTSTP) with the terminal restored; on resume, raw again if asked. */
  suspend(rawOnResume: boolean): void;
}

/**
 * ipmitool's enter_raw_mode(): IGNPAR on; ISTRIP, INLCR, IGNCR, ICRNL, IXON,
 * IXANY, IXOFF off; ISIG, ICANON, ECHO, ECHOE, ECHOK, ECHONL, IEXTEN off; OPOST
 * off; VMIN 1, VTIME 0. Ctrl-C and Ctrl-Z therefore go to the host as data.
 */
export const RAW_STTY = [
  'ignpar',
  '-istrip',
  '-inlcr',
  '-igncr',
  '-icrnl',
  '-ixon',
  '-ixany',
  '-ixoff',
  '-isig',
  '-icanon',
  '-echo',
  '-echoe',
  '-echok',
  '-echonl',
  '-iexten',
  '-opost',
  'min',
  '1',
  'time',
  '0',
];

export interface TerminalDeps {
  /** Run stty with our stdin as its stdin; stdout of stty, or undefined when it failed. */
  stty(args: string[]): string | undefined;
  stop(): void;
  onExit(fn: () => void): void;
}

export function sttyTerminal(stdin: { isTTY?: boolean; fd?: number }, deps: TerminalDeps = systemTerminalDeps(stdin.fd ?? 0)): Terminal {
  const isTty = stdin.isTTY === true;
  let saved: string | undefined;
  let raw = false;
  const t: Terminal = {
    isTty,
    get isRaw() {
      return raw;
    },
    enterRaw() {
      if (!isTty || raw) return;
      saved ??= deps.stty(['-g'])?.trim();
      if (saved === undefined) return;
      if (deps.stty(RAW_STTY) !== undefined) raw = true;
    },
    restore() {
      if (!raw || saved === undefined) return;
      raw = false;
      deps.stty([saved]);
    },
    suspend(rawOnResume) {
      const wasRaw = raw;
      t.restore();
      deps.stop();
      if (rawOnResume && wasRaw) t.enterRaw();
    },
  };
  deps.onExit(() => t.restore());
  return t;
}

function systemTerminalDeps(fd: number): TerminalDeps {
  return {
    stty(args) {
      const r = spawnSync('stty', args, { stdio: [fd, 'pipe', 'pipe'], encoding: 'latin1' });
      return r.status === 0 ? r.stdout : undefined;
    },
    stop() {
      process.kill(process.pid, 'SIGTSTP');
    },
    onExit(fn) {
      process.once('exit', fn);
    },
  };
}
