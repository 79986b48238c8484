import { atLeast, atMost, type ProofThresholds } from './proof-standards';
import type { GroundedStatus } from './types';

/**
 * What the ledger says about one claim (DOMAIN.md, "Consensus per question: what a label promises").
 * `open` and `unverified` both mean *not established*.
 */
export type ClaimLabel = 'corroborated' | 'unverified' | 'contested' | 'refuted' | 'open' | 'retracted';
export const CLAIM_LABELS: readonly ClaimLabel[] = ['corroborated', 'unverified', 'contested', 'refuted', 'open', 'retracted'];

/** Why a claim is `contested`, when it is. */
export type ContestedBecause =
  /** Something with strength stands against it and is not beaten (it is `out` or `undec` over defeats). */
  | 'attacked'
  /** A rival explanation the record does not tell apart from it (within the standard's margin). */
  | 'rival'
  /** A rival explanation the record supports better, by at least the standard's margin. */
  | 'outweighed-by-rival'
  /** Its support is grounded but falls short of the question's proof standard. */
  | 'short-of-standard'
  /** It is weak enough to be refuted, but what defeats it is not grounded in examined evidence. */
  | 'ungrounded-attack';

export interface ClaimStanding {
  readonly strength: number;
  /** How far examined evidence alone carries it (see `evaluateGrounded`). */
  readonly groundedStrength: number;
  /** Whether it has live rivals (`competes`): a rival explanation is something said against it. */
  readonly hasRivals: boolean;
  /** Over defeats. */
  readonly status: GroundedStatus;
  /** Its support bottoms out in examined evidence. */
  readonly grounded: boolean;
  /** Something (a claim, a piece of evidence, even a cited one) attacks or supports it. */
  readonly hasAttackers: boolean;
  readonly hasSupporters: boolean;
  /** The strongest live rival's grounded strength (`competes`), or null without rivals. */
  readonly strongestRival: number | null;
  /** Some attacker that defeats it is `in` and grounded. */
  readonly defeatedByGroundedIn: boolean;
  readonly retracted?: boolean;
}

export interface LabelDecision {
  readonly label: ClaimLabel;
  readonly contestedBecause: ContestedBecause | null;
}

/**
 * The claim's label under the proof standard's thresholds, first match wins:
 * 1. `retracted`;
 * 2. `open`: nothing attacks, supports or rivals it (an undercut alone says nothing for or against
 *    it);
 * 3. `corroborated`: `in` over defeats, grounded, and its grounded strength σg (how far examined
 *    evidence alone carries it) ≥ accept and above every live rival's σg by the standard's margin;
 * 4. `refuted`: σ ≤ reject and defeated by a grounded `in` attacker;
 * 5. `unverified`: `in` (nothing succeeds against it), not grounded, no rival within the margin or ahead of it;
 * 6. `contested`: everything else, with the reason.
 * Threshold comparisons allow `THRESHOLD_TOLERANCE`.
 */
export function labelClaim(standing: ClaimStanding, thresholds: ProofThresholds): LabelDecision {
  if (standing.retracted) return { label: 'retracted', contestedBecause: null };
  if (!standing.hasAttackers && !standing.hasSupporters && !standing.hasRivals) return { label: 'open', contestedBecause: null };
  const { strength, groundedStrength, status, grounded, strongestRival } = standing;
  // Rivals are told apart by what the record grounds. A rival blocks unless this claim stands above
  // it by the margin: close to it, or behind it.
  const rivalClose = strongestRival !== null && !atLeast(groundedStrength - strongestRival, thresholds.rivalMargin);
  const rivalAhead = strongestRival !== null && atLeast(strongestRival - groundedStrength, thresholds.rivalMargin);
  if (status === 'in' && grounded && atLeast(groundedStrength, thresholds.accept) && !rivalClose) {
    return { label: 'corroborated', contestedBecause: null };
  }
  if (atMost(strength, thresholds.reject) && standing.defeatedByGroundedIn) return { label: 'refuted', contestedBecause: null };
  if (status === 'in' && !grounded && !rivalClose) return { label: 'unverified', contestedBecause: null };
  const contestedBecause: ContestedBecause =
    status !== 'in'
      ? atMost(strength, thresholds.reject)
        ? 'ungrounded-attack'
        : 'attacked'
      : rivalAhead
        ? 'outweighed-by-rival'
        : rivalClose
          ? 'rival'
          : 'short-of-standard';
  return { label: 'contested', contestedBecause };
}
