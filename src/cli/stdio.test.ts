import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, assert, describe, expect, it } from 'vitest';
import { nodeFdWriter } from './fd-writer-node.js';
import { bunFdWriter, type BunFileSink } from './fd-writer-bun.js';
import { fdOutput, type FdWriter } from './stdio.js';

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

describe('fdOutput on node:fs: stdout and stderr written to their descriptors', () => {
  it('writes strings and bytes in order, without creating the stream', async () => {
    const file = path.join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    const { stream, made } = fakeStream(false);
    const out = fdOutput(nodeFdWriter(fd), stream, () => undefined);
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
    const out = fdOutput(nodeFdWriter(fd), fakeStream(false).stream, (e) => errors.push(e.code ?? '?'));
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
    const out = fdOutput(nodeFdWriter(fd), stream, () => undefined);
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
    const out = fdOutput(nodeFdWriter(fd), stream, () => undefined);
    expect(out.isTTY).toBe(false);
    expect(out.isTTY).toBe(false);
    expect(made).toEqual(['stream']);
    expect(out.stream).toBeDefined(); // from now on the output goes through it
    closeSync(fd);
  });
});

/** A writer that fails or takes part of each write, as told; records what it wrote. */
function fakeWriter(steps: Array<number | string>, opts: { tty?: boolean; pending?: Promise<NodeJS.ErrnoException | undefined> } = {}) {
  const written: string[] = [];
  const writer: FdWriter = {
    write(bytes) {
      const step = steps.shift() ?? bytes.length;
      if (typeof step === 'string') throw Object.assign(new Error(`${step}: write`), { code: step });
      written.push(Buffer.from(bytes.subarray(0, step)).toString());
      return step;
    },
    pending: () => opts.pending,
    isTTY: () => opts.tty === true,
  };
  return { writer, written };
}

describe('fdOutput on an injected writer', () => {
  it('short writes: the rest is written, in order', () => {
    const { writer, written } = fakeWriter([3, 2]);
    const out = fdOutput(writer, fakeStream(false).stream, () => undefined);
    expect(out.write('abcdefg')).toBe(true);
    expect(written).toEqual(['abc', 'de', 'fg']);
  });

  it('EPIPE: heard once, later output dropped, settle() gives it', async () => {
    const { writer, written } = fakeWriter(['EPIPE']);
    const errors: string[] = [];
    const out = fdOutput(writer, fakeStream(false).stream, (e) => errors.push(e.code ?? '?'));
    expect(out.write('a')).toBe(false);
    expect(out.write('b')).toBe(false);
    expect(errors).toEqual(['EPIPE']);
    expect(written).toEqual([]);
    expect((await out.settle())?.code).toBe('EPIPE');
  });

  it('EAGAIN after a part: the rest and what follows go to the stream', () => {
    const { writer, written } = fakeWriter([2, 'EAGAIN']);
    const streamed: string[] = [];
    const stream = () =>
      ({ isTTY: false, on: () => undefined, write: (c: Uint8Array | string) => streamed.push(Buffer.from(c).toString()) > 0 }) as unknown as NodeJS.WriteStream;
    const out = fdOutput(writer, stream, () => undefined);
    out.write('abcd');
    out.write('ef');
    expect(written).toEqual(['ab']);
    expect(streamed).toEqual(['cd', 'ef']);
  });

  it('settle() waits for output the writer still holds and reports its error', async () => {
    const errors: string[] = [];
    const enospc = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    const { writer } = fakeWriter([], { pending: Promise.resolve(enospc) });
    const out = fdOutput(writer, fakeStream(false).stream, (e) => errors.push(e.code ?? '?'));
    out.write('x');
    expect((await out.settle())?.code).toBe('ENOSPC');
    expect(errors).toEqual(['ENOSPC']);
  });

  it('isTTY from the writer: a terminal creates no stream until one is asked for (readline)', () => {
    const { writer } = fakeWriter([], { tty: true });
    const { stream, made } = fakeStream(true);
    const out = fdOutput(writer, stream, () => undefined);
    expect(out.isTTY).toBe(true);
    expect(made).toEqual([]);
    expect(out.processStream()).toBe(out.stream);
    expect(made).toEqual(['stream']);
  });
});

describe('bunFdWriter: a FileSink for a regular file or a terminal only', () => {
  function fakeSink(flushes: Array<number | Promise<number> | string>) {
    const got: string[] = [];
    const sink: BunFileSink = {
      write: (c) => got.push(Buffer.from(c).toString()),
      flush() {
        const f = flushes.shift() ?? 0;
        if (typeof f === 'string') throw Object.assign(new Error(f), { code: f });
        return f;
      },
    };
    return { sink, got };
  }
  const files = (size: number, tty: boolean, sink: BunFileSink, writes: string[] = [], results: Array<Promise<number>> = []) => ({
    size: () => size,
    isTTY: () => tty,
    sink: () => sink,
    write: (_fd: number, b: Uint8Array) => {
      writes.push(Buffer.from(b).toString());
      return results.shift() ?? Promise.resolve(b.length);
    },
  });

  it('a pipe, a socket or /dev/null (no size, no terminal): Bun.write, no FileSink (it would leave the descriptor non-blocking)', async () => {
    const { sink, got } = fakeSink([]);
    const writes: string[] = [];
    const w = bunFdWriter(files(Number.POSITIVE_INFINITY, false, sink, writes), 1);
    expect(w.write(Buffer.from('ab'))).toBe(2);
    expect(w.write(Buffer.from('cd'))).toBe(2);
    expect(writes).toEqual(['ab', 'cd']);
    expect(got).toEqual([]);
    expect(await w.pending?.()).toBeUndefined();
    expect(w.isTTY(() => assert.fail('no stream'))).toBe(false);
  });

  it('a pipe whose reader went away: the first error (EPIPE) reported once, as soon as it comes, not only at settle', async () => {
    const epipe = Object.assign(new Error('EPIPE'), { code: 'EPIPE' });
    const { sink } = fakeSink([]);
    const results = [Promise.resolve(1), Promise.reject(epipe)];
    const errors: string[] = [];
    const out = fdOutput(bunFdWriter(files(Number.POSITIVE_INFINITY, false, sink, [], results), 1), fakeStream(false).stream, (e) =>
      errors.push(e.code ?? '?'),
    );
    expect(out.write('a')).toBe(true);
    expect(out.write('b')).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual(['EPIPE']);
    expect(out.write('c')).toBe(false);
    expect((await out.settle())?.code).toBe('EPIPE');
    expect(errors).toEqual(['EPIPE']);
  });

  it('a regular file: each write flushed at once', async () => {
    const { sink, got } = fakeSink([3]);
    const w = bunFdWriter(files(0, false, sink), 1);
    expect(w.write(Buffer.from('abc'))).toBe(3);
    expect(got).toEqual(['abc']);
    expect(w.isTTY(() => assert.fail('no stream'))).toBe(false);
    expect(w.pending?.()).toBeUndefined();
  });

  it('a terminal that would block: the write is taken, settle waits for it and hears its error', async () => {
    const epipe = Object.assign(new Error('EPIPE'), { code: 'EPIPE' });
    const { sink } = fakeSink([Promise.reject(epipe)]);
    const w = bunFdWriter(files(Number.POSITIVE_INFINITY, true, sink), 1);
    expect(w.isTTY(() => assert.fail('no stream'))).toBe(true);
    const errors: string[] = [];
    const out = fdOutput(w, fakeStream(true).stream, (e) => errors.push(e.code ?? '?'));
    expect(out.write('x')).toBe(true);
    expect((await out.settle())?.code).toBe('EPIPE');
    expect(errors).toEqual(['EPIPE']);
  });

  it("the sink's error (ENOSPC) thrown at once: reported once", () => {
    const { sink } = fakeSink(['ENOSPC']);
    const errors: string[] = [];
    const out = fdOutput(bunFdWriter(files(0, false, sink), 1), fakeStream(false).stream, (e) => errors.push(e.code ?? '?'));
    expect(out.write('x')).toBe(false);
    expect(out.write('y')).toBe(false);
    expect(errors).toEqual(['ENOSPC']);
  });
});
