/** Reading a secret from the controlling terminal without echo (ipmitool uses getpass). */
import { openSync, writeSync } from 'node:fs';
import tty from 'node:tty';
import { LocalError } from '../errors.js';

/** Ask on /dev/tty; undefined when there is no terminal (cron, CI): nothing blocks. */
export function promptSecret(prompt: string): Promise<string | undefined> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return Promise.resolve(undefined);
  }
  // One stream only: the prompt and the newline are written straight to the descriptor, which the
  // stream closes when destroyed. (A second stream on the same descriptor, or closing it again,
  // fails with EBADF under Bun, where it surfaced as an uncaught 'error' event.)
  const input = new tty.ReadStream(fd);
  input.on('error', () => undefined); // the terminal went away: the answer so far stands
  const say = (text: string): void => {
    try {
      writeSync(fd, text);
    } catch {
      // nothing to show it on
    }
  };
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (err?: Error): void => {
      input.setRawMode(false);
      input.off('data', onData);
      say('\n');
      input.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new LocalError('Interrupted at the password prompt', 'interrupted'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.setRawMode(true);
    say(prompt);
    input.on('data', onData);
  });
}
