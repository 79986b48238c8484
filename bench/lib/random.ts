/** A small seeded PRNG (mulberry32): the same seed gives the same ledger on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }
}

const WORDS = (
  'archive fond record minister allowance committee delegation report budget treaty office decree ' +
  'letter ministry secretary council agreement evidence witness memoir telegram protocol session ' +
  'envoy mission embassy border railway harvest famine census survey registry ledger account ' +
  'director bureau commission inspector transfer payment salary grant subsidy reform policy ' +
  'regional central external internal foreign domestic official secret public private early late ' +
  'was were had been never always only often rarely headed funded signed issued ordered denied ' +
  'the a of in by for with from under after before during against without about between'
).split(' ');

/** Words strung together: text of a realistic length for claims, quotes and reasons. */
export function prose(random: Random, minWords: number, maxWords: number): string {
  const count = minWords + random.int(maxWords - minWords + 1);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(random.pick(WORDS));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
