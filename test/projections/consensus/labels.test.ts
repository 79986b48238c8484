import { describe, expect, it } from 'vitest';
import { computeConsensus, ConsensusInputError } from '../../../projections/consensus';
import { evidenceBaseScore } from '../../../projections/consensus/evidence-base-score';
import { DEFAULT_LABEL_THRESHOLDS, labelClaim, type ClaimStanding } from '../../../projections/consensus/labels';
import { framework } from './frameworks';

const debated: Omit<ClaimStanding, 'strength' | 'grounded'> = { hasAttackers: true, hasSupporters: true };

describe('labelClaim', () => {
  it('documents its default thresholds and keeps them frozen', () => {
    expect(DEFAULT_LABEL_THRESHOLDS).toEqual({ accept: 0.6, reject: 0.4 });
    expect(Object.isFrozen(DEFAULT_LABEL_THRESHOLDS)).toBe(true);
  });

  it('accepts a grounded-in claim at or above 0.6', () => {
    expect(labelClaim({ ...debated, strength: 0.6, grounded: 'in' })).toBe('accepted');
    expect(labelClaim({ ...debated, strength: 0.9, grounded: 'in' })).toBe('accepted');
    expect(labelClaim({ ...debated, strength: 0.59, grounded: 'in' })).toBe('contested');
  });

  it('rejects at or below 0.4 whatever the grounded status', () => {
    for (const grounded of ['in', 'out', 'undec'] as const) {
      expect(labelClaim({ ...debated, strength: 0.4, grounded })).toBe('rejected');
      expect(labelClaim({ ...debated, strength: 0.1, grounded })).toBe('rejected');
    }
    expect(labelClaim({ ...debated, strength: 0.41, grounded: 'out' })).toBe('contested');
  });

  it('withholds acceptance from a strong claim that is out or undec: contested', () => {
    expect(labelClaim({ ...debated, strength: 0.8, grounded: 'out' })).toBe('contested');
    expect(labelClaim({ ...debated, strength: 0.8, grounded: 'undec' })).toBe('contested');
  });

  it('labels a claim nothing was said for or against open, whatever its numbers', () => {
    expect(labelClaim({ strength: 0.5, grounded: 'in', hasAttackers: false, hasSupporters: false })).toBe('open');
    expect(labelClaim({ strength: 0.5, grounded: 'in', hasAttackers: false, hasSupporters: true })).toBe('contested');
    expect(labelClaim({ strength: 0.2, grounded: 'out', hasAttackers: true, hasSupporters: false })).toBe('rejected');
  });

  it('labels retracted before anything else', () => {
    expect(labelClaim({ ...debated, strength: 0.9, grounded: 'in', retracted: true })).toBe('retracted');
    expect(labelClaim({ strength: 0.5, grounded: 'in', hasAttackers: false, hasSupporters: false, retracted: true })).toBe(
      'retracted',
    );
  });

  it('takes custom thresholds and rejects inconsistent ones naming the field', () => {
    expect(labelClaim({ ...debated, strength: 0.55, grounded: 'in' }, { accept: 0.55, reject: 0.45 })).toBe('accepted');
    const bad = (thresholds: { accept: number; reject: number }) => {
      try {
        labelClaim({ ...debated, strength: 0.5, grounded: 'in' }, thresholds);
      } catch (error) {
        return (error as ConsensusInputError).field;
      }
      return undefined;
    };
    expect(bad({ accept: 0.4, reject: 0.6 })).toBe('thresholds.accept');
    expect(bad({ accept: 0.6, reject: NaN })).toBe('thresholds.reject');
    expect(bad({ accept: 1.2, reject: 0.4 })).toBe('thresholds.accept');
  });
});

describe('labels from computed consensus', () => {
  const label = (reliability: 'A' | 'E' | 'F', credibility: 1 | 5 | 6, stance: 'supports' | 'undermines') => {
    const edge: [string, string][] = [['evidence', 'claim']];
    const result = computeConsensus(
      framework(
        { claim: 0.5, evidence: evidenceBaseScore(reliability, credibility) },
        stance === 'undermines' ? edge : [],
        stance === 'supports' ? edge : [],
      ),
    );
    return labelClaim({
      strength: result.strength.claim!,
      grounded: result.grounded.claim!,
      hasAttackers: stance === 'undermines',
      hasSupporters: stance === 'supports',
    });
  };

  it('accepts a claim backed by A1 evidence and rejects one undermined by it', () => {
    expect(label('A', 1, 'supports')).toBe('accepted');
    expect(label('A', 1, 'undermines')).toBe('rejected');
  });

  it('does not reject a claim over one E5 document, though that leaves it grounded out', () => {
    expect(label('E', 5, 'undermines')).toBe('contested');
  });

  it('moves a claim past either threshold with unappraised (F6) evidence', () => {
    expect(label('F', 6, 'supports')).toBe('accepted');
    expect(label('F', 6, 'undermines')).toBe('rejected');
  });
});
