import { describe, expect, it } from 'vitest';
import { ConsensusInputError } from '../../../projections/consensus';
import {
  DEFAULT_EVIDENCE_BASE_SCORES,
  evidenceBaseScore,
  type Credibility,
  type Reliability,
} from '../../../projections/consensus/evidence-base-score';

const JUDGED: Reliability[] = ['A', 'B', 'C', 'D', 'E'];
const RATED: Credibility[] = [1, 2, 3, 4, 5];
const ALL_RELIABILITY: Reliability[] = [...JUDGED, 'F'];
const ALL_CREDIBILITY: Credibility[] = [...RATED, 6];

describe('evidenceBaseScore', () => {
  it('puts "cannot be judged" (F6) at neutral, A1 high and E5 low', () => {
    expect(evidenceBaseScore('F', 6)).toBe(0.5);
    expect(evidenceBaseScore('A', 1)).toBeCloseTo(0.95, 10);
    expect(evidenceBaseScore('E', 5)).toBeLessThanOrEqual(0.05);
  });

  it('falls strictly as reliability worsens from A to E, for every credibility', () => {
    for (const credibility of ALL_CREDIBILITY) {
      const scores = JUDGED.map((reliability) => evidenceBaseScore(reliability, credibility));
      scores.slice(1).forEach((score, i) => expect(score).toBeLessThan(scores[i]!));
    }
  });

  it('falls strictly as credibility worsens from 1 to 5, for every reliability', () => {
    for (const reliability of ALL_RELIABILITY) {
      const scores = RATED.map((credibility) => evidenceBaseScore(reliability, credibility));
      scores.slice(1).forEach((score, i) => expect(score).toBeLessThan(scores[i]!));
    }
  });

  it('places F between C and D, and 6 between 3 and 4', () => {
    for (const credibility of ALL_CREDIBILITY) {
      expect(evidenceBaseScore('F', credibility)).toBeLessThan(evidenceBaseScore('C', credibility));
      expect(evidenceBaseScore('F', credibility)).toBeGreaterThan(evidenceBaseScore('D', credibility));
    }
    for (const reliability of ALL_RELIABILITY) {
      expect(evidenceBaseScore(reliability, 6)).toBeLessThan(evidenceBaseScore(reliability, 3));
      expect(evidenceBaseScore(reliability, 6)).toBeGreaterThan(evidenceBaseScore(reliability, 4));
    }
  });

  it('stays strictly inside (0, 1) and matches the documented log-odds model to two places', () => {
    const r: Record<Reliability, number> = { A: 1.5, B: 1, C: 0.5, D: -0.5, E: -1.5, F: 0 };
    const c = [1.5, 1, 0.5, -0.5, -1.5, 0];
    for (const reliability of ALL_RELIABILITY) {
      for (const credibility of ALL_CREDIBILITY) {
        const score = evidenceBaseScore(reliability, credibility);
        expect(score).toBeGreaterThan(0);
        expect(score).toBeLessThan(1);
        expect(score).toBeCloseTo(1 / (1 + Math.exp(-(r[reliability] + c[credibility - 1]!))), 2);
      }
    }
  });

  it('reads a missing rating as "cannot be judged"', () => {
    expect(evidenceBaseScore()).toBe(0.5);
    expect(evidenceBaseScore(null, null)).toBe(0.5);
    expect(evidenceBaseScore('B')).toBe(evidenceBaseScore('B', 6));
    expect(evidenceBaseScore(undefined, 2)).toBe(evidenceBaseScore('F', 2));
  });

  it('takes another table', () => {
    const flat = Object.fromEntries(ALL_RELIABILITY.map((key) => [key, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]])) as never;
    expect(evidenceBaseScore('A', 1, flat)).toBe(0.5);
  });

  it('keeps the default table frozen', () => {
    expect(Object.isFrozen(DEFAULT_EVIDENCE_BASE_SCORES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_EVIDENCE_BASE_SCORES.A)).toBe(true);
  });

  it('names the field for a rating off the scale or a bad table cell', () => {
    const field = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ConsensusInputError);
        return (error as ConsensusInputError).field;
      }
      return undefined;
    };
    expect(field(() => evidenceBaseScore('G' as Reliability, 1))).toBe('reliability');
    expect(field(() => evidenceBaseScore('A', 7 as Credibility))).toBe('credibility');
    expect(field(() => evidenceBaseScore('A', '1' as unknown as Credibility))).toBe('credibility');
    const broken = { ...DEFAULT_EVIDENCE_BASE_SCORES, C: [0.9, 0.8, 1.7, 0.5, 0.3, 0.6] as const };
    expect(field(() => evidenceBaseScore('C', 3, broken))).toBe('table.C[2]');
  });
});
