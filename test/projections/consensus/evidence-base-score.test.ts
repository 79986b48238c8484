import { describe, expect, it } from 'vitest';
import { ConsensusInputError, evidenceWeight } from '../../../projections/consensus';
import {
  checkBaseScoreTable,
  DEFAULT_EVIDENCE_BASE_SCORES,
  evidenceBaseScore,
  type Credibility,
  type Reliability,
} from '../../../projections/consensus/evidence-base-score';

const RELIABILITY: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
const CREDIBILITY: Credibility[] = [1, 2, 3, 4, 5, 6];

describe('evidenceBaseScore: the weight table (DOMAIN.md, "Evidence weight")', () => {
  it('is monotone in both ratings, "cannot be judged" ranking last', () => {
    for (const credibility of CREDIBILITY) {
      const scores = RELIABILITY.map((r) => evidenceBaseScore(r, credibility));
      scores.slice(1).forEach((score, i) => expect(score).toBeLessThanOrEqual(scores[i]!));
    }
    for (const reliability of RELIABILITY) {
      const scores = CREDIBILITY.map((c) => evidenceBaseScore(reliability, c));
      scores.slice(1).forEach((score, i) => expect(score).toBeLessThanOrEqual(scores[i]!));
    }
    expect(() => checkBaseScoreTable(DEFAULT_EVIDENCE_BASE_SCORES)).not.toThrow();
  });

  it('stops short of 1 and gives F6 little influence (≤ 0.15), never the weight of a good source', () => {
    for (const r of RELIABILITY) for (const c of CREDIBILITY) expect(evidenceBaseScore(r, c)).toBeLessThan(1);
    expect(evidenceBaseScore('A', 1)).toBe(0.95);
    expect(evidenceBaseScore('F', 6)).toBeLessThanOrEqual(0.15);
    expect(evidenceBaseScore('A', 6)).toBeLessThanOrEqual(0.15);
    expect(evidenceBaseScore('F', 1)).toBeLessThan(evidenceBaseScore('C', 3));
  });

  it('is the product of a reliability and a credibility factor, to two places', () => {
    const r = { A: 1, B: 0.85, C: 0.7, D: 0.5, E: 0.3, F: 0.25 };
    const c = [0.95, 0.85, 0.7, 0.5, 0.25, 0.15];
    for (const reliability of RELIABILITY) {
      for (const credibility of CREDIBILITY) {
        expect(evidenceBaseScore(reliability, credibility)).toBe(Math.round(r[reliability] * c[credibility - 1]! * 100) / 100);
      }
    }
  });

  it('reads a missing rating as "cannot be judged"', () => {
    expect(evidenceBaseScore(null, null)).toBe(evidenceBaseScore('F', 6));
    expect(evidenceBaseScore('A', undefined)).toBe(evidenceBaseScore('A', 6));
  });

  it('gives cited evidence no weight whatever its appraisal', () => {
    expect(evidenceWeight('cited', 'A', 1)).toBe(0);
    expect(evidenceWeight('examined', 'A', 1)).toBe(0.95);
    expect(evidenceWeight('transcribed', 'A', 1)).toBe(0.95);
  });

  it('refuses ratings off the scale and configured tables that are not monotone or reach 1, naming the cell', () => {
    expect(() => evidenceBaseScore('G' as Reliability, 1)).toThrow(ConsensusInputError);
    expect(() => evidenceBaseScore('A', 7 as Credibility)).toThrow(/^credibility/);
    const reaching = { ...DEFAULT_EVIDENCE_BASE_SCORES, A: [1, 0.85, 0.7, 0.5, 0.25, 0.15] as const };
    expect(() => checkBaseScoreTable(reaching)).toThrow(/^baseScores\.A\[0\]: must be a number in \[0, 1\)/);
    const rising = { ...DEFAULT_EVIDENCE_BASE_SCORES, C: [0.66, 0.7, 0.49, 0.35, 0.17, 0.1] as const };
    expect(() => checkBaseScoreTable(rising)).toThrow(/^baseScores\.C\[1\]: must not exceed baseScores\.C\[0\]/);
  });
});
