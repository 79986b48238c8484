import { ConsensusInputError, describeValue } from './errors';
import type { GroundedStatus } from './types';

/** What the ledger says about one claim. */
export type ClaimLabel = 'accepted' | 'rejected' | 'contested' | 'open' | 'retracted';

export interface LabelThresholds {
  /** Strength at or above which a grounded-`in` claim is `accepted`. */
  readonly accept: number;
  /** Strength at or below which a claim is `rejected`. */
  readonly reject: number;
}

/**
 * accept 0.6, reject 0.4: a claim starts at 0.5, so a label other than `contested` needs the
 * debate to have moved it by at least 0.1 either way. For scale, one unanswered F6 ("cannot be
 * judged") piece of evidence moves a claim to 0.75 or 0.25; one E5 only to 0.525 or 0.475.
 */
export const DEFAULT_LABEL_THRESHOLDS: LabelThresholds = Object.freeze({ accept: 0.6, reject: 0.4 });

export interface ClaimStanding {
  /** DF-QuAD strength from `computeConsensus`. */
  readonly strength: number;
  /** Grounded status from `computeConsensus`. */
  readonly grounded: GroundedStatus;
  /** Whether any claim or evidence attacks it, however weak. */
  readonly hasAttackers: boolean;
  /** Whether any claim or evidence supports it, however weak. */
  readonly hasSupporters: boolean;
  /** Retracted claims are outside the framework, so the caller says so; the rest is then ignored. */
  readonly retracted?: boolean;
}

/**
 * The claim's label, first match wins:
 * 1. `retracted` when the caller says so;
 * 2. `open` when nothing attacks or supports it (nothing has been said for or against it);
 * 3. `accepted` when grounded `in` and strength ≥ `accept`;
 * 4. `rejected` when strength ≤ `reject`;
 * 5. `contested` otherwise.
 *
 * Grounded status can withhold acceptance but does not by itself reject. It ignores supports, and
 * evidence is a leaf nobody can attack, so a single undermining document, however weak (E5 moves a
 * claim only to 0.475), leaves its claim `out` for good however well it is supported otherwise; one
 * rebuttal against one supporting claim leaves it `out` at 0.5. Both read as `contested`.
 */
export function labelClaim(
  standing: ClaimStanding,
  thresholds: LabelThresholds = DEFAULT_LABEL_THRESHOLDS,
): ClaimLabel {
  checkThresholds(thresholds);
  if (standing.retracted) return 'retracted';
  if (!standing.hasAttackers && !standing.hasSupporters) return 'open';
  const { strength, grounded } = standing;
  if (grounded === 'in' && strength >= thresholds.accept) return 'accepted';
  if (strength <= thresholds.reject) return 'rejected';
  return 'contested';
}

/** @throws ConsensusInputError naming `thresholds.reject` or `thresholds.accept` when out of range or out of order. */
export function checkThresholds({ accept, reject }: LabelThresholds): void {
  if (typeof reject !== 'number' || !(reject >= 0 && reject <= 1)) {
    throw new ConsensusInputError('thresholds.reject', `must be a number in [0, 1], got ${describeValue(reject)}`);
  }
  if (typeof accept !== 'number' || !(accept > reject && accept <= 1)) {
    throw new ConsensusInputError(
      'thresholds.accept',
      `must be a number above thresholds.reject (${reject}) and at most 1, got ${describeValue(accept)}`,
    );
  }
}
