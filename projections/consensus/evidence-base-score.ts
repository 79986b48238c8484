import { ConsensusInputError, describeValue } from './errors';

/** Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged. */
export type Reliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
/** Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export type Credibility = 1 | 2 | 3 | 4 | 5 | 6;

/** Weight per reliability row, for credibility 1 … 6 in that order. */
export type EvidenceBaseScoreTable = Readonly<
  Record<Reliability, readonly [number, number, number, number, number, number]>
>;

/**
 * The weight (base score τ, in DF-QuAD terms: 0 = no influence) of a piece of evidence that
 * someone has examined, by its appraisal. Cited, unexamined evidence has weight 0 whatever its
 * appraisal (see `evidenceWeight`).
 *
 * ```
 *        1     2     3     4     5     6
 *   A  0.95  0.85  0.70  0.50  0.25  0.15
 *   B  0.81  0.72  0.60  0.43  0.21  0.13
 *   C  0.66  0.60  0.49  0.35  0.18  0.11
 *   D  0.48  0.43  0.35  0.25  0.13  0.08
 *   E  0.28  0.26  0.21  0.15  0.08  0.05
 *   F  0.24  0.21  0.18  0.13  0.06  0.04
 * ```
 *
 * The two ratings are separate judgements (of the source, and of the information against other
 * sources), and a piece of evidence is only as good as the weaker of them allows, so the weight is
 * their product: τ = r × c with r = A 1, B 0.85, C 0.7, D 0.5, E 0.3, F 0.25 and c = 1 0.95,
 * 2 0.85, 3 0.7, 4 0.5, 5 0.25, 6 0.15, rounded to two places (half up). Hence:
 * - monotone in both: a worse rating on either axis never weighs more;
 * - below 1 everywhere (A1 0.95): one document never settles a claim alone;
 * - "cannot be judged" is not a middle rating but the absence of one: F and 6 rank last and give
 *   little influence (F6 0.04, A6 0.15, F1 0.24; E5 0.08), never the weight of a good source. Unappraised
 *   evidence reads as F6.
 *
 * Pass another table of the same shape (LEDGER_CONSENSUS_SETTINGS `baseScores`) to change it.
 */
export const DEFAULT_EVIDENCE_BASE_SCORES: EvidenceBaseScoreTable = Object.freeze({
  A: Object.freeze([0.95, 0.85, 0.7, 0.5, 0.25, 0.15] as const),
  B: Object.freeze([0.81, 0.72, 0.6, 0.43, 0.21, 0.13] as const),
  C: Object.freeze([0.66, 0.6, 0.49, 0.35, 0.18, 0.11] as const),
  D: Object.freeze([0.48, 0.43, 0.35, 0.25, 0.13, 0.08] as const),
  E: Object.freeze([0.28, 0.26, 0.21, 0.15, 0.08, 0.05] as const),
  F: Object.freeze([0.24, 0.21, 0.18, 0.13, 0.06, 0.04] as const),
});

const RELIABILITIES: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/**
 * The weight of examined evidence appraised `reliability`/`credibility`. A missing rating (undefined
 * or null) is read as "cannot be judged" (F, 6).
 *
 * @throws ConsensusInputError naming `reliability`, `credibility` or the table cell when a rating is
 *   not on the scale or the table holds a score outside [0, 1).
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
  if (typeof score !== 'number' || !(score >= 0 && score < 1)) {
    throw new ConsensusInputError(
      `baseScores.${row}[${column - 1}]`,
      `must be a number in [0, 1) (one document never settles a claim alone), got ${describeValue(score)}`,
    );
  }
  return score;
}

/**
 * Checks a whole table: every cell in [0, 1), and monotone (no cell above its neighbour to the left
 * or above), so that a configured table cannot make a worse appraisal weigh more.
 *
 * @throws ConsensusInputError naming the first offending cell.
 */
export function checkBaseScoreTable(table: EvidenceBaseScoreTable): void {
  if (typeof table !== 'object' || table === null) {
    throw new ConsensusInputError('baseScores', `must be an object with rows A–F, got ${describeValue(table)}`);
  }
  for (const row of RELIABILITIES as Reliability[]) {
    if (!Array.isArray(table[row]) || table[row].length !== 6) {
      throw new ConsensusInputError(`baseScores.${row}`, 'must be an array of six weights, for credibility 1 … 6');
    }
    for (let column = 1; column <= 6; column++) evidenceBaseScore(row, column as Credibility, table);
  }
  for (let r = 0; r < 6; r++) {
    for (let c = 0; c < 6; c++) {
      const row = RELIABILITIES[r] as Reliability;
      const here = table[row][c]!;
      if (c > 0 && here > table[row][c - 1]!) {
        throw new ConsensusInputError(`baseScores.${row}[${c}]`, `must not exceed baseScores.${row}[${c - 1}] (a worse credibility never weighs more)`);
      }
      if (r > 0) {
        const above = RELIABILITIES[r - 1] as Reliability;
        if (here > table[above][c]!) {
          throw new ConsensusInputError(`baseScores.${row}[${c}]`, `must not exceed baseScores.${above}[${c}] (a worse reliability never weighs more)`);
        }
      }
    }
  }
}
