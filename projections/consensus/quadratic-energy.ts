/**
 * Quadratic energy semantics (Potyka, "Continuous Dynamical Systems for Weighted Bipolar
 * Argumentation", KR 2018), as pure functions in the modular form of Mossakowski and Neuhaus:
 * an aggregation of the neighbours' strengths into one number, and an influence function that
 * moves the base score by it.
 *
 * - aggregation, the *energy*: E(a) = Σ σ(supporters of a) − Σ σ(attackers of a);
 * - influence: σ(a) = τ(a) + (1 − τ(a))·h(E) − τ(a)·h(−E), with the impact
 *   h(x) = max(0, x)² / (1 + max(0, x)²).
 *
 * Unlike DF-QuAD's 1 − Π(1 − v), the energy adds support up: a second strong supporter still
 * raises a claim, and one supporter at 1 leaves it at τ + (1 − τ)/2, not at 1. Attack and support
 * of equal total cancel exactly. h is smooth with h'(0) = 0, so weak neighbours move a claim only a
 * little, and h < 1, so no finite energy drives a strength all the way to 0 or 1.
 */

/** h(x) = max(0, x)² / (1 + max(0, x)²): 0 for x ≤ 0, rising to 1 as x grows. */
export function quadraticImpact(x: number): number {
  if (!(x > 0)) return 0;
  const square = x * x;
  return square / (1 + square);
}

/** The energy of an argument: the sum of its supporters' strengths minus its attackers'. */
export function quadraticEnergyAggregate(attackers: Iterable<number>, supporters: Iterable<number>): number {
  let energy = 0;
  for (const s of supporters) energy += s;
  for (const a of attackers) energy -= a;
  return energy;
}

/**
 * The strength of an argument with base score `base` under energy `energy`:
 * τ + (1 − τ)·h(E) when E ≥ 0, τ − τ·h(−E) when E < 0. Clamped to [0, 1] against rounding.
 */
export function quadraticEnergyInfluence(base: number, energy: number): number {
  const moved = energy >= 0 ? base + (1 - base) * quadraticImpact(energy) : base - base * quadraticImpact(-energy);
  return Math.min(1, Math.max(0, moved));
}

/** Both steps at once: the strength from a base score and the neighbours' strengths. */
export function quadraticEnergyStrength(base: number, attackers: Iterable<number>, supporters: Iterable<number>): number {
  return quadraticEnergyInfluence(base, quadraticEnergyAggregate(attackers, supporters));
}
