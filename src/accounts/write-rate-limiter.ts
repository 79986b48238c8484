/**
 * Writes per minute per key (a principal, a client address), in fixed one-minute windows. In memory:
 * one server process is one limit; behind several processes each keeps its own.
 */
export class WriteRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a write for every key; the seconds to wait when any key is over its limit, else 0. */
  take(keys: string[]): number {
    const now = this.now();
    if (this.windows.size > 10_000) this.forgetOld(now);
    let wait = 0;
    const windows = keys.map((key) => {
      let window = this.windows.get(key);
      if (!window || now - window.start >= 60_000) {
        window = { start: now, count: 0 };
        this.windows.set(key, window);
      }
      if (window.count >= this.perMinute) wait = Math.max(wait, Math.ceil((window.start + 60_000 - now) / 1000));
      return window;
    });
    if (wait === 0) for (const window of windows) window.count++;
    return wait;
  }

  private forgetOld(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= 60_000) this.windows.delete(key);
  }
}
