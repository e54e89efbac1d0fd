import { describe, expect, it } from 'vitest';
import { ArrivalOrder } from './arrival-order.js';

/** A promise settled from outside. */
function later<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ArrivalOrder', () => {
  it('a ready value with nothing waiting is handed on at once', () => {
    const got: number[] = [];
    new ArrivalOrder().offer(
      1,
      (v) => got.push(v),
      () => got.push(-1),
    );
    expect(got).toEqual([1]);
  });

  it('values come out in the order offered, however late each one is ready', async () => {
    const order = new ArrivalOrder();
    const got: string[] = [];
    const a = later<string>();
    const c = later<string>();
    const push = (v: string) => void got.push(v);
    order.offer(a.promise, push, () => got.push('failed'));
    order.offer('b', push, () => got.push('failed')); // ready, but behind a
    order.offer(c.promise, push, () => got.push('failed'));
    c.resolve('c');
    await Promise.resolve();
    expect(got).toEqual([]);
    a.resolve('a');
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual(['a', 'b', 'c']);
    order.offer('d', push, () => got.push('failed')); // nothing waits any more: at once
    expect(got).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a value that fails goes to `failed`, in its place, and the ones behind it still come', async () => {
    const order = new ArrivalOrder();
    const got: string[] = [];
    const a = later<string>();
    order.offer(
      a.promise,
      (v) => got.push(v),
      (e) => got.push(`failed: ${(e as Error).message}`),
    );
    order.offer(
      'b',
      (v) => got.push(v),
      () => got.push('failed'),
    );
    a.reject(new Error('bad packet'));
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual(['failed: bad packet', 'b']);
  });
});
