/** Reading a secret from the controlling terminal without echo (ipmitool uses getpass). */
import { openSync, closeSync } from 'node:fs';
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
  const input = new tty.ReadStream(fd);
  const output = new tty.WriteStream(fd);
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (err?: Error): void => {
      input.setRawMode(false);
      input.off('data', onData);
      output.write('\n');
      input.destroy();
      try {
        closeSync(fd);
      } catch {
        // already closed by the stream
      }
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
    output.write(prompt);
    input.on('data', onData);
  });
}
