import type { BipolarFramework } from '../../../projections/consensus';

type Edge = [from: string, to: string];

/** A framework from `{ id: base }` and edge lists, in that order. */
export function framework(bases: Record<string, number>, attacks: Edge[] = [], supports: Edge[] = []): BipolarFramework {
  return { arguments: Object.entries(bases).map(([id, base]) => ({ id, base })), attacks, supports };
}

/** Every argument at the same base. */
export function uniform(ids: string, base: number, attacks: Edge[] = [], supports: Edge[] = []): BipolarFramework {
  return framework(Object.fromEntries(ids.split(' ').map((id) => [id, base])), attacks, supports);
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so failures reproduce. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** `n` arguments and `edges` random attacks and supports each, self-loops and repeats included. */
export function randomFramework(n: number, edges: number, seed: number): BipolarFramework {
  const random = seeded(seed);
  const id = () => `arg-${Math.floor(random() * n)}`;
  const pairs = (): Edge[] => Array.from({ length: edges }, () => [id(), id()]);
  return {
    arguments: Array.from({ length: n }, (_, i) => ({ id: `arg-${i}`, base: random() })),
    attacks: pairs(),
    supports: pairs(),
  };
}
