import type { Contribution } from '../../api/types';

export interface WaterfallBar {
  id: string;
  name: string;
  kind: string;
  role: string;
  effect: number;
  /** Where the bar starts and ends on the 0–1 strength scale. */
  from: number;
  to: number;
}

/**
 * The explanation as a waterfall: from the base score, each contributor's share moves the claim up
 * (support) or down (attack), largest first, and the bars end where the claim's strength is. The
 * shares add up by construction (Shapley values); `residual` is what the sampled method leaves
 * unexplained (0 for the exact method), shown rather than hidden.
 */
export function waterfall(base: number, strength: number | null, contributions: readonly Contribution[]): { bars: WaterfallBar[]; end: number; residual: number } {
  const ordered = [...contributions].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  let at = base;
  const bars = ordered.map((c) => {
    const bar = { id: c.id, name: c.name, kind: c.kind, role: c.role, effect: c.effect, from: at, to: at + c.effect };
    at += c.effect;
    return bar;
  });
  const residual = strength === null ? 0 : strength - at;
  return { bars, end: at, residual: Math.abs(residual) < 1e-9 ? 0 : residual };
}
