/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0–100) by the nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function now(): number {
  return performance.now();
}

/** Runs `task` repeatedly for about `ms` milliseconds; returns how many times per second it ran. */
export async function ratePerSecond(ms: number, task: () => unknown | Promise<unknown>, unitsPerCall = 1): Promise<number> {
  let calls = 0;
  const started = now();
  let elapsed = 0;
  do {
    await task();
    calls++;
    elapsed = now() - started;
  } while (elapsed < ms);
  return (calls * unitsPerCall * 1000) / elapsed;
}

/** Latencies in milliseconds of `count` sequential calls. */
export async function latencies(count: number, task: (i: number) => unknown | Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = now();
    await task(i);
    samples.push(now() - started);
  }
  return samples;
}

export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** Math.max(0, digits - Math.ceil(Math.log10(Math.abs(value) + 1e-12)));
  return Math.round(value * scale) / scale;
}
