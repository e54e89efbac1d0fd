/**
 * While the shell waits for a line, an open session is kept alive with Get Device ID every 30 s
 * (ipmitool's readline hook does the same: BMCs drop idle sessions after about a minute). Nothing
 * is sent while a line runs, and no session is opened just for this.
 */
import type { LineHost } from '../../runtime/context.js';
import { getDeviceId } from '../../ipmi/cmds/app/get-device-id.js';
import type { Clock } from '../../io.js';

export const KEEPALIVE_MS = 30_000;

export class KeepAlive {
  private timer: unknown;
  private inflight: Promise<void> | undefined;
  private armed = false;

  constructor(
    private readonly lines: LineHost,
    private readonly clock: Clock,
    private readonly ms = KEEPALIVE_MS,
  ) {}

  /** Waiting for input: ping every `ms` until disarm(). */
  arm(): void {
    this.armed = true;
    this.timer = this.clock.setTimeout(() => {
      this.inflight = this.ping().finally(() => {
        this.inflight = undefined;
        if (this.armed) this.arm();
      });
    }, this.ms);
  }

  /** A line arrived: stop pinging and let a ping in flight finish first. */
  async disarm(): Promise<void> {
    this.armed = false;
    this.clock.clearTimeout(this.timer);
    await this.inflight;
  }

  private async ping(): Promise<void> {
    const ctx = this.lines.current;
    if (!ctx.connected) return;
    try {
      await (await ctx.client()).try(getDeviceId, undefined);
    } catch {
      // A dead session shows on the next line, which opens a new one.
    }
  }
}
