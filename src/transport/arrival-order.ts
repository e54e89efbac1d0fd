/**
 * Inbound packets handed on in the order they arrived, when opening one may take a while
 * (decryption is asynchronous: src/primitives/primitives.ts). Used by the exchanger and by a
 * payload's own port (SOL on another UDP port, src/transport/lanplus.ts).
 */
export class ArrivalOrder {
  /** The last packet not handed on yet: later ones wait behind it. */
  private tail: Promise<void> | undefined;

  /**
   * `deliver(value)` once `value` is ready and every packet offered before it has been handed on; at
   * once when nothing waits and it is ready. A value that fails goes to `failed` instead, and the
   * packets behind it still come.
   */
  offer<T>(value: T | Promise<T>, deliver: (v: T) => void, failed: (e: unknown) => void): void {
    if (!(value instanceof Promise) && !this.tail) {
      deliver(value);
      return;
    }
    const done = (this.tail ?? Promise.resolve())
      .then(() => value)
      .then(deliver, failed)
      .finally(() => {
        if (this.tail === done) this.tail = undefined;
      });
    this.tail = done;
  }
}
