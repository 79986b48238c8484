import { describe, expect, it } from 'vitest';
import { DEFAULT_PROOF_STANDARDS, labelClaim, type ClaimStanding } from '../../../projections/consensus';

const preponderance = DEFAULT_PROOF_STANDARDS.preponderance;
const standing = (overrides: Partial<ClaimStanding>): ClaimStanding => ({
  strength: 0.5,
  groundedStrength: overrides.strength ?? 0.5,
  hasRivals: overrides.strongestRival !== undefined && overrides.strongestRival !== null,
  status: 'in',
  grounded: false,
  hasAttackers: false,
  hasSupporters: true,
  strongestRival: null,
  defeatedByGroundedIn: false,
  ...overrides,
});
const label = (overrides: Partial<ClaimStanding>, thresholds = preponderance) => labelClaim(standing(overrides), thresholds);

describe('labelClaim', () => {
  it('documents the proof standards, strictest furthest from the middle, and keeps them frozen', () => {
    expect(DEFAULT_PROOF_STANDARDS).toEqual({
      scintilla: { accept: 0.55, reject: 0.45, rivalMargin: 0.02 },
      preponderance: { accept: 0.6, reject: 0.4, rivalMargin: 0.05 },
      'clear-and-convincing': { accept: 0.9, reject: 0.1, rivalMargin: 0.15 },
      'beyond-reasonable-doubt': { accept: 0.98, reject: 0.02, rivalMargin: 0.3 },
    });
    expect(Object.isFrozen(DEFAULT_PROOF_STANDARDS.preponderance)).toBe(true);
  });

  it('labels retracted first, then open when nothing speaks for or against the claim', () => {
    expect(label({ retracted: true, grounded: true, strength: 0.99 })).toEqual({ label: 'retracted', contestedBecause: null });
    expect(label({ hasSupporters: false, hasAttackers: false, strength: 0.9 })).toEqual({ label: 'open', contestedBecause: null });
  });

  it('corroborates only what is in, grounded and strong enough, and stands above its rivals', () => {
    expect(label({ grounded: true, strength: 0.6 }).label).toBe('corroborated');
    expect(label({ grounded: false, strength: 0.99 }).label).toBe('unverified');
    expect(label({ grounded: true, strength: 0.99, status: 'undec' })).toEqual({ label: 'contested', contestedBecause: 'attacked' });
    expect(label({ grounded: true, strength: 0.59 })).toEqual({ label: 'contested', contestedBecause: 'short-of-standard' });
    expect(label({ grounded: true, strength: 0.9, strongestRival: 0.87 })).toEqual({ label: 'contested', contestedBecause: 'rival' });
    expect(label({ grounded: true, strength: 0.9, strongestRival: 0.85 }).label).toBe('corroborated');
    expect(label({ grounded: true, strength: 0.7, strongestRival: 0.9 })).toEqual({ label: 'contested', contestedBecause: 'outweighed-by-rival' });
  });

  it('refutes only on a grounded defeat; a weak claim defeated by bare assertions is contested', () => {
    expect(label({ strength: 0.2, status: 'out', hasAttackers: true, defeatedByGroundedIn: true }).label).toBe('refuted');
    expect(label({ strength: 0.2, status: 'out', hasAttackers: true })).toEqual({ label: 'contested', contestedBecause: 'ungrounded-attack' });
    expect(label({ strength: 0.45, status: 'out', hasAttackers: true, defeatedByGroundedIn: true })).toEqual({ label: 'contested', contestedBecause: 'attacked' });
  });

  it('compares thresholds with a tolerance, so rounding never decides a label', () => {
    expect(label({ strength: 0.4000000000000001, status: 'out', defeatedByGroundedIn: true }).label).toBe('refuted');
    expect(label({ strength: 0.5999999999999999, grounded: true }).label).toBe('corroborated');
    expect(label({ strength: 0.599, grounded: true }).label).toBe('contested');
  });

  it('applies the stricter thresholds of a stricter standard', () => {
    const strict = DEFAULT_PROOF_STANDARDS['clear-and-convincing'];
    expect(label({ grounded: true, strength: 0.86 }).label).toBe('corroborated');
    expect(label({ grounded: true, strength: 0.86 }, strict).label).toBe('contested');
    expect(label({ strength: 0.3, status: 'out', defeatedByGroundedIn: true }, strict).label).toBe('contested');
  });
});
