import type { StanceKind } from '../../contract/question.events';

/** Participants' current stances on a claim: a social signal, kept apart from evidential strength. */
export interface StanceTally {
  readonly endorse: number;
  readonly dispute: number;
  /**
   * Confidence-weighted agreement in [−1, 1]: Σ(+confidence for endorse, −confidence for dispute)
   * divided by the number of stances, so that two people half sure (0.5 each) count as much as
   * one sure and one indifferent. Null when nobody has taken a stance, which is not the same as
   * an even split (0).
   */
  readonly agreement: number | null;
}

/** Tallies the current stances (one per participant, as the questions projection keeps them). */
export function tallyStances(stances: readonly { stance: StanceKind; confidence: number }[]): StanceTally {
  let endorse = 0;
  let dispute = 0;
  let sum = 0;
  for (const { stance, confidence } of stances) {
    // The write side checks [0, 1]; clamped here too, so that a bad record cannot leave the range.
    const weight = Math.min(1, Math.max(0, Number.isFinite(confidence) ? confidence : 0));
    if (stance === 'endorse') {
      endorse++;
      sum += weight;
    } else {
      dispute++;
      sum -= weight;
    }
  }
  const count = endorse + dispute;
  return { endorse, dispute, agreement: count === 0 ? null : sum / count };
}
