import { describe, expect, it } from 'vitest';
import type { LedgerEvent, QuestionDetail, QuestionSummary } from '../../web/src/api/types';
import { claimEvents } from '../../web/src/features/claim/claim-events';
import { waterfall } from '../../web/src/features/claim/waterfall';
import { questionTree } from '../../web/src/features/questions/question-tree';

describe('the explanation as a waterfall', () => {
  it('goes from the base through each share, largest first, to the strength', () => {
    const { bars, end, residual } = waterfall(0.5, 0.7, [
      { kind: 'claim', id: 'small', name: 's', role: 'attack', relations: ['rebuts'], strength: 0.2, effect: -0.05 },
      { kind: 'evidence', id: 'big', name: 'b', role: 'support', relations: ['supports'], strength: 0.9, effect: 0.25 },
    ]);
    expect(bars.map((b) => [b.id, b.from, b.to])).toEqual([['big', 0.5, 0.75], ['small', 0.75, 0.7]]);
    expect(end).toBeCloseTo(0.7, 12);
    expect(residual).toBe(0);
  });

  it('shows what a sampled explanation leaves over instead of hiding it', () => {
    expect(waterfall(0.5, 0.8, [{ kind: 'claim', id: 'a', name: 'a', role: 'support', relations: [], strength: 1, effect: 0.28 }]).residual).toBeCloseTo(0.02, 12);
  });
});

describe('the questions as a tree', () => {
  const q = (id: string, parentQuestionId: string | null) => ({ id, parentQuestionId }) as QuestionSummary;
  it('nests sub-questions under their parents and keeps orphans (a search hit) at the top', () => {
    const tree = questionTree([q('root', null), q('a', 'root'), q('a1', 'a'), q('b', 'root'), q('lost', 'not-listed')]);
    expect(tree.map((n) => n.question.id)).toEqual(['root', 'lost']);
    expect(tree[0].children.map((n) => n.question.id)).toEqual(['a', 'b']);
    expect(tree[0].children[0].children.map((n) => n.question.id)).toEqual(['a1']);
  });
});

describe('a claim’s events', () => {
  it('are those naming it, its relations, and its evidence', () => {
    const event = (id: string, data: Record<string, unknown>) => ({ id, data }) as unknown as LedgerEvent;
    const question = { evidence: [{ id: 'ev', claimId: 'c' }, { id: 'other-ev', claimId: 'd' }] } as unknown as QuestionDetail;
    const events = [
      event('1', { claimId: 'c' }),
      event('2', { fromClaimId: 'd', toClaimId: 'c' }),
      event('3', { evidenceId: 'ev' }),
      event('4', { fromClaimId: 'd', toEvidenceId: 'ev' }),
      event('5', { claimId: 'd' }),
      event('6', { evidenceId: 'other-ev' }),
    ];
    expect(claimEvents(events, 'c', question).map((e) => e.id)).toEqual(['1', '2', '3', '4']);
  });
});
