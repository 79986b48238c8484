import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  affectedClaimIds,
  claimsCitingSource,
  computeQuestionConsensus,
  QuestionConsensusEngine,
  stepQuestionConsensus,
  type ClaimConsensus,
  type Credibility,
  type QuestionConsensus,
  type Reliability,
} from '../../../projections/consensus';
import type { ClaimKind, ClaimRelation } from '../../../src/ledger/question/question.events';
import { QuestionLog } from './question-log';

const SOURCES = ['garf', 'cia', 'forum'] as const;
const titleOf = (sourceId: string) => `Title of ${sourceId}`;
const claimOf = (result: QuestionConsensus, id: string): ClaimConsensus => result.claims.find((c) => c.id === id)!;

describe('QuestionConsensusEngine by example', () => {
  const reliabilityOf = (): Reliability => 'B';

  it('computes everything on the first update and without a hint', () => {
    const log = new QuestionLog();
    log.claim('a', 'An answer', 'answer');
    const engine = new QuestionConsensusEngine({ titleOf });
    expect(engine.current).toBeNull();
    const first = engine.update(log.question, reliabilityOf, ['a']);
    expect(first).toEqual(computeQuestionConsensus(log.question, reliabilityOf, { titleOf }));
    expect(engine.current).toBe(first);
    log.cite('e', 'a', 'garf', 'supports');
    const full = computeQuestionConsensus(log.question, reliabilityOf, { titleOf });
    expect(engine.update(log.question, reliabilityOf)).toEqual(full);
  });

  it('leaves an unrelated part of the question alone: its explanations are reused, not recomputed', () => {
    const log = new QuestionLog();
    log.claim('left', 'A claim on the left');
    log.claim('left-rebuttal', 'Its rebuttal');
    log.relate('left-rebuttal', 'rebuts', 'left');
    log.claim('right', 'A claim on the right');
    const engine = new QuestionConsensusEngine({ titleOf });
    const before = engine.update(log.question, reliabilityOf);
    const event = log.cite('e', 'right', 'cia', 'supports', { credibility: 2 });
    const after = engine.update(log.question, reliabilityOf, affectedClaimIds(event));
    expect(claimOf(after, 'left').explanation).toBe(claimOf(before, 'left').explanation);
    expect(claimOf(after, 'right').explanation).not.toBe(claimOf(before, 'right').explanation);
    expect(after).toEqual(computeQuestionConsensus(log.question, reliabilityOf, { titleOf }));
  });

  it('recomputes no strength for an event that touches none, yet tallies the new stance', () => {
    const log = new QuestionLog();
    log.claim('a', 'An answer', 'answer');
    const engine = new QuestionConsensusEngine();
    const before = engine.update(log.question, reliabilityOf);
    const event = log.stance('a', 'silvia', 'endorse', 0.9);
    expect(affectedClaimIds(event)).toEqual([]);
    const after = engine.update(log.question, reliabilityOf, affectedClaimIds(event));
    expect(claimOf(after, 'a').explanation).toBe(claimOf(before, 'a').explanation);
    expect(claimOf(after, 'a').stances).toEqual({ endorse: 1, dispute: 0, agreement: 0.9 });
  });

  it('picks up a revised text even when the revision is not named', () => {
    const log = new QuestionLog();
    log.claim('a', 'An answer', 'answer');
    log.claim('b', 'A rebuttal');
    log.relate('b', 'rebuts', 'a');
    const engine = new QuestionConsensusEngine();
    engine.update(log.question, reliabilityOf);
    log.revise('b', 'A sharper rebuttal');
    const after = engine.update(log.question, reliabilityOf, []);
    expect(claimOf(after, 'a').explanation.summary).toContain('“A sharper rebuttal”');
    expect(after).toEqual(computeQuestionConsensus(log.question, reliabilityOf));
  });

  it('starts afresh for another question or other settings', () => {
    const one = new QuestionLog('q1');
    one.claim('a', 'An answer', 'answer');
    const two = new QuestionLog('q2');
    two.claim('b', 'Another answer', 'answer');
    const engine = new QuestionConsensusEngine();
    engine.update(one.question, reliabilityOf);
    expect(engine.update(two.question, reliabilityOf, [])).toEqual(computeQuestionConsensus(two.question, reliabilityOf));

    const { state } = stepQuestionConsensus(one.question, reliabilityOf);
    one.cite('e', 'a', 'garf', 'supports');
    const strict = { thresholds: { accept: 0.9, reject: 0.1 } };
    expect(stepQuestionConsensus(one.question, reliabilityOf, { ...strict, previous: state, changed: [] }).consensus).toEqual(
      computeQuestionConsensus(one.question, reliabilityOf, strict),
    );
  });

  it('re-solves only the downstream closure of a large question: 2,000 claims, one event, 4 arguments', () => {
    const log = new QuestionLog();
    // 1,000 independent exchanges: a claim and its rebuttal, each rebuttal undermined by a source.
    for (let i = 0; i < 1000; i++) {
      log.claim(`claim-${i}`, `Claim ${i}`, 'answer');
      log.claim(`rebuttal-${i}`, `Rebuttal ${i}`);
      log.relate(`rebuttal-${i}`, 'rebuts', `claim-${i}`);
      log.cite(`e-${i}`, `rebuttal-${i}`, 'cia', 'undermines', { credibility: 2 });
    }
    const { state } = stepQuestionConsensus(log.question, reliabilityOf);
    expect(state.recomputed).toHaveLength(3000);
    const event = log.cite('new', 'rebuttal-500', 'garf', 'supports', { credibility: 1 });
    const next = stepQuestionConsensus(log.question, reliabilityOf, { previous: state, changed: affectedClaimIds(event) });
    expect([...next.state.recomputed].sort()).toEqual([
      'claim:claim-500',
      'claim:rebuttal-500',
      'evidence:e-500',
      'evidence:new',
    ]);
    expect(next.consensus).toEqual(computeQuestionConsensus(log.question, reliabilityOf));
  });

  it('finds the claims a re-appraised source bears on', () => {
    const log = new QuestionLog();
    log.claim('a', 'A');
    log.claim('b', 'B');
    log.cite('e1', 'a', 'garf', 'supports');
    log.cite('e2', 'b', 'garf', 'undermines');
    log.cite('e3', 'b', 'cia', 'supports');
    log.withdraw('e1');
    expect(claimsCitingSource(log.question, 'garf')).toEqual(['b']);
  });
});

type Step =
  | { kind: 'propose'; claimKind: ClaimKind }
  | { kind: 'retract'; pick: number }
  | { kind: 'relate'; from: number; to: number; relation: ClaimRelation }
  | { kind: 'cite'; pick: number; source: number; stance: 'supports' | 'undermines'; credibility: Credibility | null }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'revise'; pick: number }
  | { kind: 'stance'; pick: number; participant: number; endorse: boolean; confidence: number }
  | { kind: 'appraise'; source: number; reliability: Reliability }
  | { kind: 'resolve'; picks: number[] }
  | { kind: 'reopen' };

const reliability = fc.constantFrom<Reliability>('A', 'B', 'C', 'D', 'E', 'F');
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('propose' as const),
      claimKind: fc.constantFrom<ClaimKind>('answer', 'hypothesis', 'background'),
    }),
    weight: 4,
  },
  fc.record({ kind: fc.constant('retract' as const), pick: fc.nat() }),
  {
    arbitrary: fc.record({
      kind: fc.constant('relate' as const),
      from: fc.nat(),
      to: fc.nat(),
      relation: fc.constantFrom<ClaimRelation>('supports', 'rebuts', 'undercuts'),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('cite' as const),
      pick: fc.nat(),
      source: fc.nat(SOURCES.length - 1),
      stance: fc.constantFrom('supports' as const, 'undermines' as const),
      credibility: fc.constantFrom<Credibility | null>(null, 1, 2, 3, 4, 5, 6),
    }),
    weight: 4,
  },
  fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('revise' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('stance' as const),
    pick: fc.nat(),
    participant: fc.nat(2),
    endorse: fc.boolean(),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('appraise' as const), source: fc.nat(SOURCES.length - 1), reliability }),
  fc.record({ kind: fc.constant('resolve' as const), picks: fc.array(fc.nat(), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('reopen' as const) }),
);

/** Applies one step the way the ledger would allow it; returns the claims it touched, or null if it did nothing. */
function take(log: QuestionLog, reliabilities: Map<string, Reliability>, s: Step, counter: { next: number }): string[] | null {
  const claims = [...log.question.claims.values()];
  const live = claims.filter((c) => c.status === 'live');
  const pickFrom = <T>(items: readonly T[], i: number): T | undefined => items[i % Math.max(items.length, 1)];
  switch (s.kind) {
    case 'propose':
      return affectedClaimIds(log.claim(`c${counter.next++}`, `Claim number ${counter.next} about the Red Cross`, s.claimKind));
    case 'retract': {
      const claim = pickFrom(live, s.pick);
      return claim ? affectedClaimIds(log.retract(claim.id)) : null;
    }
    case 'relate': {
      const [from, to] = [pickFrom(live, s.from), pickFrom(live, s.to)];
      if (!from || !to || from.id === to.id) return null;
      return affectedClaimIds(log.relate(from.id, s.relation, to.id, `r${counter.next++}`));
    }
    case 'cite': {
      const claim = pickFrom(live, s.pick);
      if (!claim) return null;
      const evidenceId = `e${counter.next++}`;
      const event = log.cite(evidenceId, claim.id, SOURCES[s.source]!, s.stance, { credibility: s.credibility, locator: 'p. 1' });
      return affectedClaimIds(event);
    }
    case 'withdraw': {
      const attached = [...log.question.evidence.values()].filter((e) => e.status === 'attached');
      const evidence = pickFrom(attached, s.pick);
      return evidence ? affectedClaimIds(log.withdraw(evidence.id)) : null;
    }
    case 'revise': {
      const claim = pickFrom(live, s.pick);
      return claim ? affectedClaimIds(log.revise(claim.id, `${claim.text}, revised`)) : null;
    }
    case 'stance': {
      const claim = pickFrom(claims, s.pick);
      if (!claim) return null;
      return affectedClaimIds(log.stance(claim.id, `p${s.participant}`, s.endorse ? 'endorse' : 'dispute', s.confidence));
    }
    case 'appraise':
      reliabilities.set(SOURCES[s.source]!, s.reliability);
      return claimsCitingSource(log.question, SOURCES[s.source]!);
    case 'resolve':
      return affectedClaimIds(log.resolve(s.picks.map((i) => pickFrom(claims, i)?.id ?? 'no-such-claim')));
    case 'reopen':
      return log.question.resolution ? affectedClaimIds(log.reopen()) : null;
  }
}

describe('QuestionConsensusEngine equals a full recompute (fast-check)', () => {
  it('on random sequences of question events and re-appraisals', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const log = new QuestionLog();
        const reliabilities = new Map<string, Reliability>([['garf', 'A']]);
        const reliabilityOf = (sourceId: string) => reliabilities.get(sourceId) ?? null;
        const engine = new QuestionConsensusEngine({ titleOf });
        engine.update(log.question, reliabilityOf);
        const counter = { next: 0 };
        for (const s of steps) {
          const touched = take(log, reliabilities, s, counter);
          if (touched === null) continue;
          const incremental = engine.update(log.question, reliabilityOf, touched);
          const full = computeQuestionConsensus(log.question, reliabilityOf, { titleOf });
          for (const claim of full.claims) {
            const other = claimOf(incremental, claim.id);
            if (claim.strength !== null) expect(Math.abs(other.strength! - claim.strength)).toBeLessThanOrEqual(1e-9);
            expect(other.grounded).toBe(claim.grounded);
          }
          // In fact identical throughout, explanations and effects included.
          expect(incremental).toEqual(full);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('QuestionConsensusEngine brought up to date after several events at once (fast-check)', () => {
  // What the current-consensus projection does: it notes every touched claim (stances apart) and
  // updates when the question is read, after any number of events.
  it('equals a full recompute, given the union of what the events touched and the hint', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.boolean()), { minLength: 1, maxLength: 40 }), (steps) => {
        const log = new QuestionLog();
        const reliabilities = new Map<string, Reliability>([['garf', 'A']]);
        const reliabilityOf = (sourceId: string) => reliabilities.get(sourceId) ?? null;
        const engine = new QuestionConsensusEngine({ titleOf });
        engine.update(log.question, reliabilityOf);
        const counter = { next: 0 };
        const touched = new Set<string>();
        const stances = new Set<string>();
        for (const [s, readNow] of steps) {
          const claimsBefore = s.kind === 'stance' ? [...log.question.claims.values()] : [];
          const touchedNow = take(log, reliabilities, s, counter);
          if (touchedNow !== null) touchedNow.forEach((id) => touched.add(id));
          if (touchedNow !== null && s.kind === 'stance') stances.add(claimsBefore[s.pick % claimsBefore.length]!.id);
          if (!readNow) continue;
          const incremental = engine.update(log.question, reliabilityOf, touched, { stanceClaimIds: stances });
          touched.clear();
          stances.clear();
          expect(incremental).toEqual(computeQuestionConsensus(log.question, reliabilityOf, { titleOf }));
        }
        expect(engine.update(log.question, reliabilityOf, touched, { stanceClaimIds: stances })).toEqual(computeQuestionConsensus(log.question, reliabilityOf, { titleOf }));
      }),
      { numRuns: 150 },
    );
  });
});
