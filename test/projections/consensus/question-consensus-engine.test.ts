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
import { SOURCES, step, take } from './question-steps';

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
