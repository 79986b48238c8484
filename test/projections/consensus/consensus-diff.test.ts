import { describe, expect, it } from 'vitest';
import {
  computeQuestionConsensus,
  DEFAULT_EVIDENCE_BASE_SCORES,
  diffConsensus,
  type QuestionConsensus,
  type Reliability,
} from '../../../projections/consensus';
import { QuestionLog } from './question-log';

const reliabilities: Record<string, Reliability> = { garf: 'A', cia: 'B', forum: 'E' };
const sourceOf = (sourceId: string) => ({ title: sourceId, reliability: reliabilities[sourceId] ?? null });
const now = (log: QuestionLog) => computeQuestionConsensus(log.question, sourceOf);
const claimStrength = (result: QuestionConsensus, id: string) => result.claims.find((c) => c.id === id)!.strength!;

describe('diffConsensus', () => {
  it('reports the first consensus of a question as a status from null and every claim as new', () => {
    const log = new QuestionLog();
    expect(diffConsensus(null, now(log))).toEqual([{ kind: 'status', from: null, to: 'open' }]);
    log.claim('a', 'An answer', 'answer');
    log.claim('b', 'A hypothesis');
    expect(diffConsensus(null, now(log))).toEqual([
      { kind: 'status', from: null, to: 'open' },
      { kind: 'claim-added', claimId: 'a', label: 'open' },
      { kind: 'claim-added', claimId: 'b', label: 'open' },
    ]);
  });

  it('reports nothing when nothing moved', () => {
    const log = new QuestionLog();
    log.claim('a', 'An answer', 'answer');
    const before = now(log);
    log.stance('a', 'silvia', 'endorse', 1);
    log.revise('a', 'A reworded answer');
    expect(diffConsensus(before, now(log))).toEqual([]);
  });

  it('reports a status change, then label and strength changes per claim in proposal order', () => {
    const log = new QuestionLog();
    log.claim('a', 'An answer', 'answer');
    log.claim('b', 'A rebuttal');
    log.relate('b', 'rebuts', 'a');
    const before = now(log);
    log.cite('e', 'a', 'garf', 'supports', { credibility: 2 });
    const changes = diffConsensus(before, now(log));
    // a: 0.25 → 0.5 + 0.5·(0.85 − 0.5) = 0.675; the bare rebuttal (0.5) no longer defeats a support of
    // 0.85, and the support is examined: contested → corroborated.
    expect(changes).toHaveLength(3);
    expect(changes[0]).toEqual({ kind: 'status', from: 'contested', to: 'answered' });
    expect(changes[1]).toEqual({ kind: 'label', claimId: 'a', from: 'contested', to: 'corroborated' });
    expect(changes[2]).toMatchObject({ kind: 'strength', claimId: 'a' });
    if (changes[2]!.kind !== 'strength') throw new Error('expected a strength change');
    expect(changes[2]!.from).toBeCloseTo(0.25, 12);
    expect(changes[2]!.to).toBeCloseTo(0.675, 12);
    expect(changes[2]!.delta).toBeCloseTo(0.425, 12);
  });

  it('lists strength changes at or above the threshold only, without a label change', () => {
    const log = new QuestionLog();
    log.claim('a', 'A claim');
    log.cite('e1', 'a', 'garf', 'undermines', { credibility: 2 });
    const before = now(log);
    // A supporting E5 document (0.08) takes a from 0.075 to 0.5 − 0.5·(0.85 − 0.08) = 0.115: Δ 0.04.
    log.cite('e2', 'a', 'forum', 'supports', { credibility: 5 });
    const after = now(log);
    expect(diffConsensus(before, after)).toEqual([]);
    const [change, ...rest] = diffConsensus(before, after, 0.02);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ kind: 'strength', claimId: 'a' });
    if (change?.kind !== 'strength') throw new Error('expected a strength change');
    expect(change.delta).toBeCloseTo(0.04, 12);
  });

  it('counts a move of exactly the threshold despite binary rounding (0.5 → 0.45 is −0.04999…)', () => {
    const log = new QuestionLog();
    log.claim('a', 'A claim');
    const before = now(log);
    log.cite('e', 'a', 'forum', 'undermines', { credibility: 5 });
    const table = { ...DEFAULT_EVIDENCE_BASE_SCORES, E: [0.28, 0.26, 0.21, 0.15, 0.1, 0.05] as const };
    const after = computeQuestionConsensus(log.question, sourceOf, { baseScores: table });
    expect(claimStrength(after, 'a') - 0.5).toBeGreaterThan(-0.05);
    expect(diffConsensus(before, after).filter((c) => c.kind === 'strength')).toHaveLength(1);
  });

  it('shows a retraction as a label change, with no strength change', () => {
    const log = new QuestionLog();
    log.claim('a', 'A claim');
    log.cite('e', 'a', 'garf', 'supports', { credibility: 2 });
    const before = now(log);
    log.retract('a');
    expect(diffConsensus(before, now(log))).toEqual([{ kind: 'label', claimId: 'a', from: 'corroborated', to: 'retracted' }]);
  });

  it('reports resolution agreement appearing, flipping and going away', () => {
    const log = new QuestionLog();
    log.claim('a', 'An answer', 'answer');
    log.cite('e', 'a', 'garf', 'supports', { credibility: 2 });
    const unresolved = now(log);
    log.resolve(['a']);
    const agreeing = now(log);
    expect(diffConsensus(unresolved, agreeing)).toEqual([{ kind: 'resolution-agreement', from: null, to: true }]);
    log.cite('e2', 'a', 'cia', 'undermines', { credibility: 1 });
    const disagreeing = now(log);
    expect(diffConsensus(agreeing, disagreeing).slice(0, 2)).toEqual([
      { kind: 'status', from: 'answered', to: 'contested' },
      { kind: 'resolution-agreement', from: true, to: false },
    ]);
    log.reopen();
    expect(diffConsensus(disagreeing, now(log))).toEqual([{ kind: 'resolution-agreement', from: false, to: null }]);
  });

  it('is deterministic: the same pair gives the same list', () => {
    const log = new QuestionLog();
    for (const id of ['c', 'a', 'b']) log.claim(id, `claim ${id}`);
    log.relate('a', 'rebuts', 'b');
    log.relate('b', 'rebuts', 'c');
    const after = now(log);
    expect(diffConsensus(null, after)).toEqual(diffConsensus(null, now(log)));
    expect(diffConsensus(null, after).filter((c) => c.kind === 'claim-added').map((c) => c.claimId)).toEqual(['c', 'a', 'b']);
  });
});
