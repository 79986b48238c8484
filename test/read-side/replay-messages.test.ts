import { describe, expect, it } from 'vitest';
import { computeQuestionConsensus, type QuestionConsensus } from '../../projections/consensus';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { sourceLookup } from '../../projections/sources/source-lookup';
import { sourcesProjection } from '../../projections/sources/sources.projection';
import { changedClaimPlaces, replayStepData } from '../../src/read-side/replay-messages';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { claimProposed, claimsRelated, evidenceAttached, questionOpened, sourceRegistered } from '../support/ledger-events';
import { ProjectionFold } from '../support/projection-spec';

/** A question of three claims, a rebuttal and three pieces of evidence on a and b. */
function aConsensus(): QuestionConsensus {
  const fold = new ProjectionFold(questionsProjection, { after: [sourcesProjection] });
  fold.apply(
    sourceRegistered({ sourceId: 's', reliability: 'B' }),
    questionOpened({ questionId: 'q' }),
    claimProposed({ questionId: 'q', claimId: 'a', kind: 'answer' }),
    claimProposed({ questionId: 'q', claimId: 'b' }),
    claimProposed({ questionId: 'q', claimId: 'c' }),
    claimsRelated({ questionId: 'q', fromClaimId: 'c', relation: 'rebuts', toClaimId: 'a' }),
    evidenceAttached({ questionId: 'q', evidenceId: 'e1', claimId: 'a', sourceId: 's', credibility: 2 }),
    evidenceAttached({ questionId: 'q', evidenceId: 'e2', claimId: 'b', sourceId: 's', credibility: 2 }),
    evidenceAttached({ questionId: 'q', evidenceId: 'e3', claimId: 'a', sourceId: 's', credibility: 3 }),
  );
  return computeQuestionConsensus(fold.view.questions.get('q')!, sourceLookup(fold.viewOf(sourcesProjection)));
}

describe('the claims a replay step sends (changedClaimPlaces)', () => {
  const before = aConsensus();
  const [a, b, c] = before.claims;

  it('finds nothing between a consensus and itself, and every claim against a fresh computation', () => {
    expect(changedClaimPlaces(before, before)).toEqual([]);
    // Every entry a new object: all are sent (equal ones too: the objects are what is compared).
    expect(changedClaimPlaces(before, aConsensus())).toEqual([0, 1, 2]);
  });

  it('finds a claim whose entry changed, and a new claim', () => {
    const after: QuestionConsensus = { ...before, claims: [a!, { ...b!, strength: 0.9 }, c!, { ...c!, id: 'd' }] };
    expect(changedClaimPlaces(before, after)).toEqual([1, 3]);
  });

  it('finds the claims whose evidence changed, appeared or left, their own entries unchanged', () => {
    const [e1, e2, e3] = before.evidence;
    expect(before.evidence.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    // A piece redone in place.
    expect(changedClaimPlaces(before, { ...before, evidence: [e1!, { ...e2!, strength: 0.1 }, e3!] })).toEqual([1]);
    // A piece leaving from the middle (the ones after it shift), and one leaving from the end.
    expect(changedClaimPlaces(before, { ...before, evidence: [e1!, e3!] })).toEqual([1]);
    expect(changedClaimPlaces(before, { ...before, evidence: [e1!, e2!] })).toEqual([0]);
    // A piece appended.
    expect(changedClaimPlaces(before, { ...before, evidence: [e1!, e2!, e3!, { ...e2!, id: 'e4', claimId: 'c' }] })).toEqual([2]);
  });

  it('makes the first step whole, later ones with the changed claims explained and the evidence on them', () => {
    const event = { id: 'ev', type: 'ClaimProposed', stream: 'question-q', revision: 4n, position: 9n, recordedAt: new Date(0), data: {}, metadata: {} } as unknown as RecordedEvent;
    const first = replayStepData(event, before, null);
    expect(first).toMatchObject({ whole: true, changes: [], position: '9', event: { id: 'ev' } });
    expect(first.claims).toHaveLength(3);
    expect(first.evidence.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    const after: QuestionConsensus = { ...before, claims: [{ ...a!, label: 'refuted', strength: 0.1 }, b!, c!] };
    const next = replayStepData(event, after, before);
    expect(next).toMatchObject({ whole: false, claims: [{ id: a!.id, label: 'refuted' }] });
    expect(next.claims[0]).toHaveProperty('wouldChange');
    expect(next.evidence.map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(next.changes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'label', claimId: a!.id, to: 'refuted' }), expect.objectContaining({ kind: 'strength', claimId: a!.id })]));
  });
});
