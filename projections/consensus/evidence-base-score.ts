import { ConsensusInputError, describeValue } from './errors';

/** Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged. */
export type Reliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
/** Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export type Credibility = 1 | 2 | 3 | 4 | 5 | 6;

/** Base score per reliability row, for credibility 1 … 6 in that order. */
export type EvidenceBaseScoreTable = Readonly<
  Record<Reliability, readonly [number, number, number, number, number, number]>
>;

/**
 * The base score (τ) of an evidence leaf: how far one piece of evidence, unopposed, moves the claim
 * it bears on (a 0.5 claim goes to 0.5 ± τ/2).
 *
 * ```
 *        1     2     3     4     5     6
 *   A  0.95  0.92  0.88  0.73  0.50  0.82
 *   B  0.92  0.88  0.82  0.62  0.38  0.73
 *   C  0.88  0.82  0.73  0.50  0.27  0.62
 *   D  0.73  0.62  0.50  0.27  0.12  0.38
 *   E  0.50  0.38  0.27  0.12  0.05  0.18
 *   F  0.82  0.73  0.62  0.38  0.18  0.50
 * ```
 *
 * The two ratings are separate judgements (of the source, and of the information against other
 * sources), so they add as independent evidence on the log-odds scale:
 * τ = 1 / (1 + e^−(r + c)), r = A +1.5, B +1, C +0.5, D −0.5, E −1.5, F 0 and
 * c = 1 +1.5, 2 +1, 3 +0.5, 4 −0.5, 5 −1.5, 6 0, rounded to two places. Hence:
 * - "cannot be judged" adds nothing: F6 is exactly neutral, and F with a credibility (or a
 *   reliability with 6) is judged on the other axis alone;
 * - scores fall as either rating worsens, and F sits between C and D, 6 between 3 and 4;
 * - the extremes stop short of 0 and 1 (A1 0.95, E5 0.05): one document never settles a claim alone;
 * - a poor rating on one axis cancels a good one on the other (A5 = E1 = C4 = 0.5).
 *
 * Pass another table of the same shape to `evidenceBaseScore` to change it.
 */
export const DEFAULT_EVIDENCE_BASE_SCORES: EvidenceBaseScoreTable = Object.freeze({
  A: Object.freeze([0.95, 0.92, 0.88, 0.73, 0.5, 0.82] as const),
  B: Object.freeze([0.92, 0.88, 0.82, 0.62, 0.38, 0.73] as const),
  C: Object.freeze([0.88, 0.82, 0.73, 0.5, 0.27, 0.62] as const),
  D: Object.freeze([0.73, 0.62, 0.5, 0.27, 0.12, 0.38] as const),
  E: Object.freeze([0.5, 0.38, 0.27, 0.12, 0.05, 0.18] as const),
  F: Object.freeze([0.82, 0.73, 0.62, 0.38, 0.18, 0.5] as const),
});

const RELIABILITIES: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/**
 * The base score for evidence appraised `reliability`/`credibility`. A missing rating (undefined or
 * null) is read as "cannot be judged" (F, 6), so unappraised evidence is near neutral.
 *
 * @throws ConsensusInputError naming `reliability`, `credibility` or the table cell when a rating is
 *   not on the scale or the table holds a score outside [0, 1].
 */
export function evidenceBaseScore(
  reliability?: Reliability | null,
  credibility?: Credibility | null,
  table: EvidenceBaseScoreTable = DEFAULT_EVIDENCE_BASE_SCORES,
): number {
  const row = reliability ?? 'F';
  const column = credibility ?? 6;
  if (!RELIABILITIES.includes(row)) {
    throw new ConsensusInputError('reliability', `must be one of A–F, got ${describeValue(row)}`);
  }
  if (!Number.isInteger(column) || column < 1 || column > 6) {
    throw new ConsensusInputError('credibility', `must be one of 1–6, got ${describeValue(column)}`);
  }
  const score = table[row]?.[column - 1];
  if (typeof score !== 'number' || !(score >= 0 && score <= 1)) {
    throw new ConsensusInputError(
      `table.${row}[${column - 1}]`,
      `must be a number in [0, 1], got ${describeValue(score)}`,
    );
  }
  return score;
}
