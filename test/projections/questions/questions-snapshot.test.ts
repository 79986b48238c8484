import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { questionsProjection, type QuestionsView } from '../../../projections/questions/questions.projection';
import { SnapshotFile } from '../../../src/projection-runtime/snapshot-file';
import { claimProposed, claimRevised, claimsRelated, questionOpened, stanceRecorded, type GivenEvent } from '../../support/ledger-events';
import { projectionSpec } from '../../support/projection-spec';

const dir = mkdtempSync(join(tmpdir(), 'questions-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Through a real snapshot file, as the runner writes and reads it. */
function throughSnapshot(view: QuestionsView): QuestionsView {
  const file = new SnapshotFile(join(dir, `${Math.random()}.snapshot`));
  file.save({ format: 1, position: 1n, versions: {}, storeIdentity: 'test', views: { questions: questionsProjection.toSnapshot!(view) } });
  return questionsProjection.fromSnapshot!(file.load()!.views.questions);
}

describe('the questions view in a snapshot', () => {
  // More questions than a Map is written whole from (256), so their entries are written in slices;
  // claims proposed across questions in turn, so that the index's order is not the questions' order.
  const events: GivenEvent[] = [];
  for (let q = 0; q < 300; q++) events.push(questionOpened({ questionId: `q${q}` }));
  for (let round = 0; round < 3; round++) {
    for (let q = 299; q >= 0; q--) events.push(claimProposed({ questionId: `q${q}`, claimId: `c${q}-${round}` }));
  }
  events.push(claimRevised({ questionId: 'q7', claimId: 'c7-1', text: 'Better' }));
  events.push(stanceRecorded({ questionId: 'q7', claimId: 'c7-1', participant: { id: 'p', name: 'Paul Preston' }, stance: 'endorse' }));

  it('reads back the same view, its claims index rebuilt over the very claims the questions hold, in the order proposed', () => {
    projectionSpec(questionsProjection)
      .given(events)
      .then((view) => {
        const read = throughSnapshot(view);
        expect(read).toEqual(view);
        expect([...read.claims.keys()]).toEqual([...view.claims.keys()]);
        expect(read.claims.get('c7-1')).toBe(read.questions.get('q7')!.claims.get('c7-1'));
        // One event's provenance, held twice by the claim, is still one object.
        const claim = read.claims.get('c0-0')!;
        expect(claim.versions[0]!.provenance).toBe(claim.provenance);
      });
  });

  it('leaves the index out of the snapshot, and takes one when an older snapshot has it', () => {
    projectionSpec(questionsProjection)
      .given(events)
      .then((view) => {
        expect(Object.keys(questionsProjection.toSnapshot!(view) as object)).toEqual(['questions']);
        const older = questionsProjection.fromSnapshot!({ questions: view.questions, claims: view.claims });
        expect(older.claims).toBe(view.claims);
      });
  });

  it('folds on from the snapshot as from the live view', () => {
    const more = [claimProposed({ questionId: 'q3', claimId: 'late' }), claimRevised({ questionId: 'q3', claimId: 'c3-0', text: 'Later' })];
    projectionSpec(questionsProjection)
      .given(events)
      .then((view, fold) => {
        fold.restore(throughSnapshot(view));
      })
      .and(more)
      .then((view) => {
        expect(view.claims.get('late')).toBe(view.questions.get('q3')!.claims.get('late'));
        // The index and the question hold one record: a revision through either is seen by both.
        expect(view.claims.get('c3-0')!.text).toBe('Later');
        expect(view.questions.get('q3')!.claims.get('c3-0')!.versions).toHaveLength(2);
      });
  });
});

describe('the questions view’s memory', () => {
  it('keeps one provenance for the events of one command (same recorder, moment and author), and another for the next moment', () => {
    // stepMs 0: recorded at the same moment, as a claim and its relation are by one command.
    projectionSpec(questionsProjection, { stepMs: 0 })
      .given([questionOpened({ questionId: 'q' }), claimProposed({ questionId: 'q', claimId: 'a' }), claimProposed({ questionId: 'q', claimId: 'b' }), claimsRelated({ questionId: 'q', relationId: 'r', fromClaimId: 'b', toClaimId: 'a', relation: 'supports' })])
      .then((view) => {
        const question = view.questions.get('q')!;
        expect(question.relations[0]!.provenance).toBe(question.claims.get('b')!.provenance);
        expect(question.relations[0]).toMatchObject({ fromClaimId: 'b', toClaimId: 'a' });
      });
    projectionSpec(questionsProjection)
      .given([questionOpened({ questionId: 'q' }), claimProposed({ questionId: 'q', claimId: 'a' }), claimProposed({ questionId: 'q', claimId: 'b' })])
      .then((view) => {
        const claims = view.questions.get('q')!.claims;
        expect(claims.get('a')!.provenance).not.toBe(claims.get('b')!.provenance);
        expect(claims.get('a')!.provenance.recordedAt).not.toBe(claims.get('b')!.provenance.recordedAt);
      });
  });
});
