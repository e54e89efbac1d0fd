import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fdOutput } from './stdio.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ipmits-stdio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for process.stdout: counts how often it was asked for. */
function fakeStream(isTTY: boolean) {
  const made: string[] = [];
  const stream = () => {
    made.push('stream');
    return { isTTY, on: () => undefined, write: () => true } as unknown as NodeJS.WriteStream;
  };
  return { stream, made };
}

describe('fdOutput: stdout and stderr written to their descriptors', () => {
  it('writes strings and bytes in order, without creating the stream', async () => {
    const file = path.join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    const { stream, made } = fakeStream(false);
    const out = fdOutput(fd, stream, () => undefined);
    expect(out.write('Chassis Power is on\n')).toBe(true);
    expect(out.write(Buffer.from('é\n'))).toBe(true);
    expect(out.isTTY).toBe(false); // a regular file: no character device, no stream
    expect(await out.settle()).toBeUndefined();
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe('Chassis Power is on\né\n');
    expect(made).toEqual([]);
    expect(out.stream).toBeUndefined();
  });

  it('a full device (> /dev/full): the error once, later writes dropped, settle() reports it', async () => {
    const fd = openSync('/dev/full', 'w');
    const errors: string[] = [];
    const out = fdOutput(fd, fakeStream(false).stream, (e) => errors.push(e.code ?? '?'));
    expect(out.write('x\n')).toBe(false);
    expect(out.write('y\n')).toBe(false);
    expect(errors).toEqual(['ENOSPC']);
    expect((await out.settle())?.code).toBe('ENOSPC');
    closeSync(fd);
  });

  it('a descriptor that would block (EAGAIN: a full non-blocking pipe): the rest and all later output go to the stream, in order', async () => {
    const fifo = path.join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const fd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK); // a pipe nobody reads: full after 64 KiB
    const streamed: string[] = [];
    const write = (c: Uint8Array | string): boolean => streamed.push(Buffer.from(c).toString()) > 0;
    const stream = () => ({ isTTY: false, on: () => undefined, write }) as unknown as NodeJS.WriteStream;
    const out = fdOutput(fd, stream, () => undefined);
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 100; i++) out.write(line); // 100 KiB: more than the pipe holds
    out.write('last\n');
    expect(out.stream).toBeDefined();
    const rest = streamed.join('');
    expect(rest.endsWith('last\n')).toBe(true);
    // What the pipe (64 KiB on Linux) did not take went to the stream: nothing lost, nothing twice.
    expect(rest.length + 65536).toBe(100 * 1024 + 5);
    closeSync(fd);
  });

  it('isTTY: a character device asks the process stream (here /dev/null: not a terminal), once', () => {
    const fd = openSync('/dev/null', 'w');
    const { stream, made } = fakeStream(false);
    const out = fdOutput(fd, stream, () => undefined);
    expect(out.isTTY).toBe(false);
    expect(out.isTTY).toBe(false);
    expect(made).toEqual(['stream']);
    expect(out.stream).toBeDefined(); // from now on the output goes through it
    closeSync(fd);
  });
});
