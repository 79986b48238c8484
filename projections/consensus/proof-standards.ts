import type { ProofStandard } from '../../contract/question.events';
import { ConsensusInputError, describeValue } from './errors';

export type { ProofStandard } from '../../contract/question.events';

/** What a proof standard asks of a claim's strength (σ in [0, 1], a claim starts at 0.5). */
export interface ProofThresholds {
  /** σ at or above which a grounded, undefeated claim may be `corroborated`. */
  readonly accept: number;
  /** σ at or below which a claim defeated by grounded evidence is `refuted`. */
  readonly reject: number;
  /** How far above every live rival's σ a claim must stand to be told apart from it. */
  readonly rivalMargin: number;
}

export type ProofStandardTable = Readonly<Record<ProofStandard, ProofThresholds>>;

/**
 * After Carneades (Gordon, Prakken, Walton 2007): the stricter the standard, the further a claim
 * must stand from the undecided middle (0.5) and from its rivals. Symmetric: a standard that asks
 * more to establish a claim asks as much to refute it. Calibrated on the default semantics and
 * weight table (DF-QuAD, docs/consensus.md), for an unopposed claim: under `preponderance` one examined
 * appraised document corroborates it (even an E1, at 0.64: the standard asks only that more speaks
 * for it than against); `clear-and-convincing` (0.9) needs one document of weight ≥ 0.8 (A1, A2,
 * B1), so a B2 alone (0.86) leaves it contested; `beyond-reasonable-doubt` (0.98) needs more than
 * one good document (A1 alone is 0.975, two A2 0.989).
 */
export const DEFAULT_PROOF_STANDARDS: ProofStandardTable = Object.freeze({
  scintilla: Object.freeze({ accept: 0.55, reject: 0.45, rivalMargin: 0.02 }),
  preponderance: Object.freeze({ accept: 0.6, reject: 0.4, rivalMargin: 0.05 }),
  'clear-and-convincing': Object.freeze({ accept: 0.9, reject: 0.1, rivalMargin: 0.15 }),
  'beyond-reasonable-doubt': Object.freeze({ accept: 0.98, reject: 0.02, rivalMargin: 0.3 }),
});

/**
 * Strengths come out of iterative and floating-point arithmetic: 0.4000000000000001 is 0.4. Every
 * comparison with a threshold allows this much.
 */
export const THRESHOLD_TOLERANCE = 1e-9;

export const atLeast = (value: number, threshold: number): boolean => value >= threshold - THRESHOLD_TOLERANCE;
export const atMost = (value: number, threshold: number): boolean => value <= threshold + THRESHOLD_TOLERANCE;

/** @throws ConsensusInputError naming the offending `proofStandards.<standard>.<field>`. */
export function checkProofStandards(table: ProofStandardTable): void {
  if (typeof table !== 'object' || table === null) {
    throw new ConsensusInputError('proofStandards', `must be an object keyed by proof standard, got ${describeValue(table)}`);
  }
  for (const standard of Object.keys(DEFAULT_PROOF_STANDARDS) as ProofStandard[]) {
    const at = `proofStandards.${standard}`;
    const t = table[standard];
    if (typeof t !== 'object' || t === null) throw new ConsensusInputError(at, 'must be an object with accept, reject and rivalMargin');
    const { accept, reject, rivalMargin } = t;
    if (typeof reject !== 'number' || !(reject >= 0 && reject < 0.5)) {
      throw new ConsensusInputError(`${at}.reject`, `must be a number in [0, 0.5), got ${describeValue(reject)}`);
    }
    if (typeof accept !== 'number' || !(accept > 0.5 && accept <= 1)) {
      throw new ConsensusInputError(`${at}.accept`, `must be a number in (0.5, 1], got ${describeValue(accept)}`);
    }
    if (typeof rivalMargin !== 'number' || !(rivalMargin > 0 && rivalMargin <= 1)) {
      throw new ConsensusInputError(`${at}.rivalMargin`, `must be a number in (0, 1], got ${describeValue(rivalMargin)}`);
    }
  }
  for (const key of Object.keys(table)) {
    if (!(key in DEFAULT_PROOF_STANDARDS)) throw new ConsensusInputError(`proofStandards.${key}`, 'is not a proof standard');
  }
}
