import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeQuestionConsensus,
  QuestionConsensusEngine,
  type ClaimConsensus,
  type Credibility,
  type QuestionConsensus,
  type Reliability,
  type SourceLookup,
} from '../../../projections/consensus';
import type { ClaimKind, ClaimRelation, EvidenceRelation, ProofStandard, Verification } from '../../../contract/question.events';
import { QuestionLog } from './question-log';

const SOURCES = ['garf', 'cia', 'forum'] as const;
const claimOf = (result: QuestionConsensus, id: string): ClaimConsensus => result.claims.find((c) => c.id === id)!;
const lookup = (reliabilities: Map<string, Reliability | null>): SourceLookup => (id) => ({ title: `Title of ${id}`, reliability: reliabilities.get(id) ?? null });

describe('QuestionConsensusEngine by example', () => {
  const sources = lookup(new Map(SOURCES.map((s) => [s, 'B'])));

  it('computes everything on the first update, then equals the reference after each change', () => {
    const log = new QuestionLog();
    log.claim('a', 'An answer', 'answer');
    const engine = new QuestionConsensusEngine();
    expect(engine.current).toBeNull();
    const first = engine.update(log.question, sources, log.takeTouched());
    expect(first).toEqual(computeQuestionConsensus(log.question, sources));
    expect(engine.current).toBe(first);
    log.cite('e', 'a', 'garf', 'supports');
    expect(engine.update(log.question, sources, log.takeTouched())).toEqual(computeQuestionConsensus(log.question, sources));
  });

  it('re-solves only what lies downstream of a change, found without being told', () => {
    const log = new QuestionLog();
    log.claim('left', 'A claim on the left');
    log.claim('left-rebuttal', 'Its rebuttal');
    log.relate('left-rebuttal', 'rebuts', 'left');
    log.claim('right', 'A claim on the right');
    log.claim('above', 'A claim the right one supports');
    log.relate('right', 'supports', 'above');
    const engine = new QuestionConsensusEngine();
    engine.update(log.question, sources, log.takeTouched());
    log.cite('e', 'right', 'cia', 'supports', { credibility: 2 });
    const after = engine.update(log.question, sources, log.takeTouched());
    expect(engine.recomputed).toEqual(['claim:above', 'claim:right', 'evidence:e']);
    expect(after).toEqual(computeQuestionConsensus(log.question, sources));
  });

  it('recomputes no strength for a stance or a rewording, yet shows the new stance and text', () => {
    const log = new QuestionLog();
    log.claim('a', 'An answer', 'answer');
    const engine = new QuestionConsensusEngine();
    engine.update(log.question, sources, log.takeTouched());
    log.stance('a', 'silvia', 'endorse', 0.9);
    log.revise('a', 'An answer, better put');
    const after = engine.update(log.question, sources, log.takeTouched());
    expect(engine.recomputed).toEqual([]);
    expect(claimOf(after, 'a')).toMatchObject({ text: 'An answer, better put', stances: { endorse: 1, dispute: 0 } });
  });

  it('starts afresh for another question', () => {
    const one = new QuestionLog('q1');
    one.claim('a', 'An answer', 'answer');
    const two = new QuestionLog('q2');
    two.claim('b', 'Another answer', 'answer');
    const engine = new QuestionConsensusEngine();
    engine.update(one.question, sources, one.takeTouched());
    expect(engine.update(two.question, sources, two.takeTouched())).toEqual(computeQuestionConsensus(two.question, sources));
    expect(engine.recomputed).toEqual(['claim:b']);
  });

  it('re-solves a question of 2,000 claims in a chain of 4 arguments for one new piece of evidence', () => {
    const log = new QuestionLog();
    for (let i = 0; i < 2000; i++) log.claim(`c${i}`, `Claim ${i}`);
    for (let i = 1; i < 2000; i += 2) log.relate(`c${i}`, i % 4 === 1 ? 'supports' : 'rebuts', `c${i - 1}`);
    const engine = new QuestionConsensusEngine();
    engine.update(log.question, sources, log.takeTouched());
    log.claim('x', 'A late claim');
    log.relate('x', 'supports', 'c7');
    const after = engine.update(log.question, sources, log.takeTouched());
    expect(engine.recomputed).toEqual(['claim:c6', 'claim:c7', 'claim:x']);
    expect(after).toEqual(computeQuestionConsensus(log.question, sources));
  });
});

type Step =
  | { kind: 'propose'; claimKind: ClaimKind }
  | { kind: 'retract'; pick: number }
  | { kind: 'relate'; from: number; to: number; relation: ClaimRelation }
  | { kind: 'relate-evidence'; from: number; to: number; relation: EvidenceRelation }
  | { kind: 'cite'; pick: number; source: number; stance: 'supports' | 'undermines'; credibility: Credibility | null; verification: Verification }
  | { kind: 'verify'; pick: number; verification: Verification }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'revise'; pick: number }
  | { kind: 'stance'; pick: number; participant: number; endorse: boolean; confidence: number }
  | { kind: 'appraise'; source: number; reliability: Reliability }
  | { kind: 'proof-standard'; standard: ProofStandard }
  | { kind: 'resolve'; picks: number[] }
  | { kind: 'reopen' };

const VERIFICATIONS: Verification[] = ['cited', 'examined', 'transcribed'];
const reliability = fc.constantFrom<Reliability>('A', 'B', 'C', 'D', 'E', 'F');
export const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('propose' as const), claimKind: fc.constantFrom<ClaimKind>('answer', 'hypothesis', 'background') }), weight: 4 },
  fc.record({ kind: fc.constant('retract' as const), pick: fc.nat() }),
  {
    arbitrary: fc.record({
      kind: fc.constant('relate' as const),
      from: fc.nat(),
      to: fc.nat(),
      relation: fc.constantFrom<ClaimRelation>('supports', 'rebuts', 'undercuts', 'competes'),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('relate-evidence' as const),
      from: fc.nat(),
      to: fc.nat(),
      relation: fc.constantFrom<EvidenceRelation>('supports', 'rebuts', 'undercuts'),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('cite' as const),
      pick: fc.nat(),
      source: fc.nat(SOURCES.length - 1),
      stance: fc.constantFrom('supports' as const, 'undermines' as const),
      credibility: fc.constantFrom<Credibility | null>(null, 1, 2, 3, 4, 5, 6),
      verification: fc.constantFrom(...VERIFICATIONS),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('verify' as const), pick: fc.nat(), verification: fc.constantFrom<Verification>('examined', 'transcribed') }), weight: 2 },
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
  fc.record({ kind: fc.constant('proof-standard' as const), standard: fc.constantFrom<ProofStandard>('scintilla', 'preponderance', 'clear-and-convincing', 'beyond-reasonable-doubt') }),
  fc.record({ kind: fc.constant('resolve' as const), picks: fc.array(fc.nat(), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('reopen' as const) }),
);

/** Applies one step the way the ledger's deciders would allow it; false when it did nothing. */
export function take(log: QuestionLog, reliabilities: Map<string, Reliability | null>, s: Step, counter: { next: number }): boolean {
  const claims = [...log.question.claims.values()];
  const live = claims.filter((c) => c.status === 'live');
  const attached = [...log.question.evidence.values()].filter((e) => e.status === 'attached');
  const pickFrom = <T>(items: readonly T[], i: number): T | undefined => items[i % Math.max(items.length, 1)];
  switch (s.kind) {
    case 'propose':
      log.claim(`c${counter.next++}`, `Claim number ${counter.next} about the Red Cross`, s.claimKind);
      return true;
    case 'retract': {
      const claim = pickFrom(live, s.pick);
      if (claim) log.retract(claim.id);
      return claim !== undefined;
    }
    case 'relate': {
      const [from, to] = [pickFrom(live, s.from), pickFrom(live, s.to)];
      if (!from || !to || from.id === to.id) return false;
      log.relate(from.id, s.relation, to.id, `r${counter.next++}`);
      return true;
    }
    case 'relate-evidence': {
      const [from, to] = [pickFrom(live, s.from), pickFrom(attached, s.to)];
      if (!from || !to) return false;
      log.relateToEvidence(from.id, s.relation, to.id, `r${counter.next++}`);
      return true;
    }
    case 'cite': {
      const claim = pickFrom(live, s.pick);
      if (!claim) return false;
      log.cite(`e${counter.next++}`, claim.id, SOURCES[s.source]!, s.stance, { credibility: s.credibility, locator: 'p. 1', verification: s.verification });
      return true;
    }
    case 'verify': {
      const evidence = pickFrom(attached, s.pick);
      if (!evidence || VERIFICATIONS.indexOf(s.verification) <= VERIFICATIONS.indexOf(evidence.verification)) return false;
      log.verify(evidence.id, s.verification);
      return true;
    }
    case 'withdraw': {
      const evidence = pickFrom(attached, s.pick);
      if (evidence) log.withdraw(evidence.id);
      return evidence !== undefined;
    }
    case 'revise': {
      const claim = pickFrom(live, s.pick);
      if (claim) log.revise(claim.id, `${claim.text}, revised`);
      return claim !== undefined;
    }
    case 'stance': {
      const claim = pickFrom(claims, s.pick);
      if (claim) log.stance(claim.id, `p${s.participant}`, s.endorse ? 'endorse' : 'dispute', s.confidence);
      return claim !== undefined;
    }
    case 'appraise':
      reliabilities.set(SOURCES[s.source]!, s.reliability);
      log.appraised(SOURCES[s.source]!);
      return true;
    case 'proof-standard':
      if (log.question.proofStandard === s.standard) return false;
      log.proofStandard(s.standard);
      return true;
    case 'resolve':
      log.resolve(s.picks.map((i) => pickFrom(claims, i)?.id ?? 'no-such-claim'));
      return true;
    case 'reopen':
      if (!log.question.resolution) return false;
      log.reopen();
      return true;
  }
}

describe('QuestionConsensusEngine equals the reference implementation (fast-check)', () => {
  it('on random histories using every kind of question event and re-appraisals, read after each event or after several', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.boolean()), { minLength: 1, maxLength: 40 }), (steps) => {
        const log = new QuestionLog();
        const reliabilities = new Map<string, Reliability | null>([['garf', 'A']]);
        const sources = lookup(reliabilities);
        const engine = new QuestionConsensusEngine();
        engine.update(log.question, sources, log.takeTouched());
        const counter = { next: 0 };
        for (const [s, readNow] of steps) {
          take(log, reliabilities, s, counter);
          if (readNow) expect(engine.update(log.question, sources, log.takeTouched())).toEqual(computeQuestionConsensus(log.question, sources));
        }
        expect(engine.update(log.question, sources, log.takeTouched())).toEqual(computeQuestionConsensus(log.question, sources));
      }),
      { numRuns: 200 },
    );
  });
});
