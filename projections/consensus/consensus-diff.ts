import type { ClaimLabel } from './labels';
import type { ClaimConsensus, QuestionConsensus, QuestionStatus } from './question-consensus-types';

// So that a move of exactly the threshold, like 0.5 → 0.45, counts despite binary rounding.
const ROUNDING = 1e-12;

export type ConsensusChange =
  /** The question's computed status moved; `from` is null for the first consensus of a question. */
  | { readonly kind: 'status'; readonly from: QuestionStatus | null; readonly to: QuestionStatus }
  /** Whether a resolution agrees with the consensus; null where there is no resolution. */
  | { readonly kind: 'resolution-agreement'; readonly from: boolean | null; readonly to: boolean | null }
  | { readonly kind: 'claim-added'; readonly claimId: string; readonly label: ClaimLabel }
  | { readonly kind: 'label'; readonly claimId: string; readonly from: ClaimLabel; readonly to: ClaimLabel }
  | {
      readonly kind: 'strength';
      readonly claimId: string;
      readonly from: number;
      readonly to: number;
      readonly delta: number;
    };

/**
 * What changed in a question's consensus from `before` to `after`, to annotate one event of its
 * timeline. `before` null means nothing was computed yet: its status and agreement count as null
 * and every claim as new.
 *
 * Order: the status change, then the agreement change, then per claim in `after`'s order (the order
 * claims were proposed) its appearance, label change and strength change. A strength change is
 * listed when both sides have a strength and |Δ| ≥ `strengthThreshold`, whether or not the label
 * moved; a claim losing its strength by retraction shows as a label change to `retracted`.
 */
export function diffConsensus(
  before: QuestionConsensus | null,
  after: QuestionConsensus,
  strengthThreshold = 0.05,
): ConsensusChange[] {
  const changes = headChanges(before, after);
  const earlier = new Map((before?.claims ?? []).map((c) => [c.id, c]));
  for (const claim of after.claims) {
    diffClaim(earlier.get(claim.id), claim, strengthThreshold, changes);
  }
  return changes;
}

/**
 * {@link diffConsensus} when `after` differs from `before` only in the claims at `places` (ascending):
 * every other entry is the same object in both, and a claim keeps its place (claims are only ever
 * appended), so only those places are compared. What the incremental engine knows after an update;
 * O(places), where the full comparison is O(claims).
 */
export function diffConsensusAt(
  before: QuestionConsensus,
  after: QuestionConsensus,
  places: readonly number[],
  strengthThreshold = 0.05,
): ConsensusChange[] {
  const changes = headChanges(before, after);
  for (const place of places) diffClaim(before.claims[place], after.claims[place]!, strengthThreshold, changes);
  return changes;
}

function headChanges(before: QuestionConsensus | null, after: QuestionConsensus): ConsensusChange[] {
  const changes: ConsensusChange[] = [];
  const fromStatus = before?.status ?? null;
  if (fromStatus !== after.status) changes.push({ kind: 'status', from: fromStatus, to: after.status });
  const fromAgrees = before?.resolution.agrees ?? null;
  if (fromAgrees !== after.resolution.agrees) {
    changes.push({ kind: 'resolution-agreement', from: fromAgrees, to: after.resolution.agrees });
  }
  return changes;
}

/** One claim's appearance, label change and strength change (past the threshold), in that order. */
function diffClaim(then: ClaimConsensus | undefined, claim: ClaimConsensus, strengthThreshold: number, changes: ConsensusChange[]): void {
  if (then === undefined) {
    changes.push({ kind: 'claim-added', claimId: claim.id, label: claim.label });
    return;
  }
  if (then.label !== claim.label) changes.push({ kind: 'label', claimId: claim.id, from: then.label, to: claim.label });
  if (then.strength !== null && claim.strength !== null) {
    const delta = claim.strength - then.strength;
    if (Math.abs(delta) >= strengthThreshold - ROUNDING) {
      changes.push({ kind: 'strength', claimId: claim.id, from: then.strength, to: claim.strength, delta });
    }
  }
}
