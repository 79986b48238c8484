import { describe, expect, it } from 'vitest';
import { contributedKinds, participantsProjection, questionsOf } from '../../../projections/participants/participants.projection';
import { claimProposed, claimRevised, principalAdded, questionOpened, said, sourceAppraised, sourceRegistered, stanceRecorded } from '../../support/ledger-events';
import { EDITOR, projectionSpec } from '../../support/projection-spec';

const spec = projectionSpec(participantsProjection);
const preston = { name: 'Paul Preston', affiliation: 'London School of Economics', location: 'UK' };
const volodarsky = { name: 'Boris Volodarsky', location: 'Austria' };

describe('the participants projection', () => {
  it('counts what a person said (attributed) apart from what they entered (recorded)', () => {
    spec
      .given([
        questionOpened({ questionId: 'q' }),
        said(claimProposed({ questionId: 'q', claimId: 'a' }), { by: preston }),
        said(claimRevised({ questionId: 'q', claimId: 'a', text: 'revised' }), { by: preston }),
        said(claimProposed({ questionId: 'q', claimId: 'b' }), { by: volodarsky }),
      ])
      .then((view) => {
        const pp = view.byName.get('Paul Preston')!;
        expect(contributedKinds(pp.attributed)).toEqual({ claims: 1, revisions: 1 });
        expect(contributedKinds(pp.recorded)).toEqual({});
        expect(pp.affiliations).toEqual(['London School of Economics']);
        expect(pp.recordedByOthers).toEqual([EDITOR.name]);
        const editor = view.byName.get(EDITOR.name)!;
        // The editor said the question (attributed by default to whoever records) and entered everything.
        expect(contributedKinds(editor.attributed)).toEqual({ questions: 1 });
        expect(contributedKinds(editor.recorded)).toEqual({ questions: 1, claims: 2, revisions: 1 });
        expect(editor.recordedByOthers).toEqual([]);
      });
  });

  it('lists the questions a person contributed to, in either role, in the order anyone first did', () => {
    spec
      .given([
        questionOpened({ questionId: 'q1' }),
        questionOpened({ questionId: 'q2' }),
        said(claimProposed({ questionId: 'q2', claimId: 'a' }), { by: preston }),
        said(stanceRecorded({ questionId: 'q1', claimId: 'x', participant: { id: 'bv', name: 'Boris Volodarsky' }, stance: 'endorse' }), { by: volodarsky }),
        sourceRegistered({ sourceId: 's' }),
      ])
      .then((view) => {
        expect(view.questionIds).toEqual(['q1', 'q2']);
        expect(questionsOf(view, view.byName.get('Paul Preston')!.questionBits)).toEqual(['q2']);
        expect(questionsOf(view, view.byName.get('Boris Volodarsky')!.questionBits)).toEqual(['q1']);
        expect(questionsOf(view, view.byName.get(EDITOR.name)!.questionBits)).toEqual(['q1', 'q2']);
        // A source belongs to no question.
        expect(view.byName.get(EDITOR.name)!.recorded.sources).toBe(1);
      });
  });

  it('keeps a partial date as given, sorting it by its start', () => {
    spec
      .given([
        said(sourceRegistered({ sourceId: 's' }), { by: preston, at: '1947-02-10T09:00:00Z' }),
        said(sourceAppraised({ sourceId: 's', reliability: 'C' }), { by: preston, at: '1947-02' }),
      ])
      .then((view) => {
        const pp = view.byName.get('Paul Preston')!;
        // February 1947 starts before 10 February: it comes first, and stays "1947-02", not widened to an instant.
        expect(pp.firstOccurredAt).toBe('1947-02');
        expect(pp.lastOccurredAt).toBe('1947-02-10T09:00:00Z');
      })
      .and([said(sourceAppraised({ sourceId: 's', reliability: 'B' }), { by: preston, at: '1947-01-31T23:00:00Z' })])
      .then((view) => expect(view.byName.get('Paul Preston')!.firstOccurredAt).toBe('1947-01-31T23:00:00Z'))
      .and([said(sourceAppraised({ sourceId: 's', reliability: 'A' }), { by: preston, at: '1947' })])
      .then((view) => expect(view.byName.get('Paul Preston')!.firstOccurredAt).toBe('1947'));
  });

  it('counts nothing for the accounts’ events', () => {
    spec.given([principalAdded({ principalId: 'p', name: 'Reader' })]).then((view) => expect(view.byName.size).toBe(0));
  });
});
