import { describe, expect, it } from 'vitest';
import { computeQuestionConsensus } from '../../../projections/consensus';
import { sourceLookup } from '../../../projections/sources/source-lookup';
import { sourcesProjection, type SourcesView } from '../../../projections/sources/sources.projection';
import { QuestionHistory, type HistoryStep } from '../../../projections/timeline/question-history';
import {
  claimProposed,
  claimRevised,
  claimsRelated,
  evidenceAttached,
  questionOpened,
  said,
  sourceAppraised,
  sourceRegistered,
  type GivenEvent,
} from '../../support/ledger-events';
import { ProjectionFold } from '../../support/projection-spec';

const q = 'q';

/** One question's history, folded from the events of the whole log (the sources view folded alongside, as the read side does). */
function historyOf(...events: GivenEvent[]): { history: QuestionHistory; steps: (HistoryStep | undefined)[]; sources: ProjectionFold<SourcesView> } {
  const sources = new ProjectionFold(sourcesProjection);
  const history = new QuestionHistory(q, {});
  const steps = events.map((given) => {
    const [event] = sources.apply(given);
    return history.step(event!, sourceLookup(sources.view));
  });
  return { history, steps, sources };
}

describe('a question’s history (timeline and replay)', () => {
  it('has a step for each event of its own stream, none for other questions’ events or uncited sources', () => {
    const { steps } = historyOf(
      sourceRegistered({ sourceId: 's', reliability: 'C' }),
      questionOpened({ questionId: q }),
      questionOpened({ questionId: 'other' }),
      claimProposed({ questionId: 'other', claimId: 'x' }),
      claimProposed({ questionId: q, claimId: 'a' }),
      sourceAppraised({ sourceId: 's', reliability: 'A' }),
    );
    expect(steps.map((s) => s?.entry.type)).toEqual([undefined, 'QuestionOpened', undefined, undefined, 'ClaimProposed', undefined]);
    expect(steps[4]!.entry).toMatchObject({ position: 4n, stream: 'question-q', revision: 1n, subjectId: 'a' });
    expect(steps[4]!.entry.changes).toEqual([{ kind: 'claim-added', claimId: 'a', label: 'open' }]);
  });

  it('gives the consensus right after each event, equal to a full recompute, and what it changed', () => {
    const { steps, history, sources } = historyOf(
      questionOpened({ questionId: q }),
      sourceRegistered({ sourceId: 's', reliability: 'C' }),
      claimProposed({ questionId: q, claimId: 'a' }),
      claimProposed({ questionId: q, claimId: 'b' }),
      claimsRelated({ questionId: q, fromClaimId: 'b', relation: 'rebuts', toClaimId: 'a' }),
      evidenceAttached({ questionId: q, evidenceId: 'e', claimId: 'a', sourceId: 's', credibility: 2 }),
      sourceAppraised({ sourceId: 's', reliability: 'A' }),
    );
    const appraisal = steps[6]!;
    expect(appraisal.entry).toMatchObject({ type: 'SourceAppraised', subjectId: 's', stream: 'source-s' });
    // The appraisal moved the evidence's weight, and so claim a's strength.
    expect(appraisal.entry.changes.some((c) => c.kind === 'strength' && c.claimId === 'a')).toBe(true);
    const full = computeQuestionConsensus(history.view.questions.get(q)!, sourceLookup(sources.view));
    expect(history.current).toEqual(full);
  });

  it('keeps who said each step and when, a partial date as given', () => {
    const { steps } = historyOf(questionOpened({ questionId: q }), said(claimProposed({ questionId: q, claimId: 'a' }), { by: { name: 'Paul Preston' }, at: '1947-02' }), claimRevised({ questionId: q, claimId: 'a', text: 'Better' }));
    expect(steps[1]!.entry.provenance).toMatchObject({ attributedTo: { name: 'Paul Preston' }, occurredAt: '1947-02' });
    // A revision keeps the claim's label: no change worth a line, but a step all the same.
    expect(steps[2]!.entry).toMatchObject({ type: 'ClaimRevised', changes: [] });
  });
});
