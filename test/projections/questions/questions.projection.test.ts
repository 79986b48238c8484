import { describe, expect, it } from 'vitest';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import {
  claimProposed,
  claimRelatedToEvidence,
  claimRetracted,
  claimRevised,
  claimsRelated,
  evidenceAttached,
  evidenceVerified,
  evidenceWithdrawn,
  proofStandardChanged,
  questionOpened,
  questionReopened,
  questionResolved,
  questionReworded,
  said,
  sourceRegistered,
  stanceRecorded,
} from '../../support/ledger-events';
import { EDITOR, projectionSpec } from '../../support/projection-spec';

const spec = projectionSpec(questionsProjection);
const q = 'q';
const preston = { name: 'Paul Preston', affiliation: 'London School of Economics' };

describe('the questions projection', () => {
  it('opens a question with its standard, and lists it under its parent', () => {
    spec
      .given([questionOpened({ questionId: q, title: 'Who paid?', tags: ['nkvd'] }), questionOpened({ questionId: 'sub', parentQuestionId: q, proofStandard: 'clear-and-convincing' })])
      .then((view) => {
        const question = view.questions.get(q)!;
        expect(question).toMatchObject({ title: 'Who paid?', tags: ['nkvd'], status: 'open', proofStandard: 'preponderance', subQuestionIds: ['sub'], resolution: null });
        expect(view.questions.get('sub')).toMatchObject({ parentQuestionId: q, proofStandard: 'clear-and-convincing' });
      });
  });

  it('keeps every wording of a revised claim, the old one first, and never changes its passage', () => {
    spec
      .given([
        questionOpened({ questionId: q }),
        claimProposed({ questionId: q, claimId: 'a', text: 'The office was headed by a Cheka appointee.', passage: 'headed by a Cheka man' }),
        claimRevised({ questionId: q, claimId: 'a', text: 'From 1923 the office was always headed by an appointee of the Cheka.', reason: 'names the years' }),
      ])
      .then((view) => {
        const claim = view.claims.get('a')!;
        expect(claim.text).toBe('From 1923 the office was always headed by an appointee of the Cheka.');
        expect(claim.versions.map((v) => [v.text, v.reason])).toEqual([
          ['The office was headed by a Cheka appointee.', null],
          ['From 1923 the office was always headed by an appointee of the Cheka.', 'names the years'],
        ]);
        expect(claim.passage).toBe('headed by a Cheka man');
        // The question's map and the global one hold the same record.
        expect(view.questions.get(q)!.claims.get('a')).toBe(claim);
      });
  });

  it('keeps who said it, when, and in what, a partial date as given', () => {
    spec
      .given([questionOpened({ questionId: q }), said(claimProposed({ questionId: q, claimId: 'a' }), { by: preston, at: '1947-02', in: 'letter-1947' })])
      .then((view) => {
        const provenance = view.claims.get('a')!.provenance;
        expect(provenance.attributedTo).toEqual(preston);
        expect(provenance.recordedBy).toEqual(EDITOR);
        expect(provenance.occurredAt).toBe('1947-02');
        expect(provenance.saidIn).toBe('letter-1947');
        expect(provenance.recordedAt).toMatch(/^2021-02-10T/);
      });
  });

  it('keeps one current stance per participant, a later one superseding an earlier one', () => {
    const alice = { id: 'alice', name: 'Alice' };
    const bob = { id: 'bob', name: 'Bob' };
    spec
      .given([
        questionOpened({ questionId: q }),
        claimProposed({ questionId: q, claimId: 'a' }),
        stanceRecorded({ questionId: q, claimId: 'a', participant: alice, stance: 'endorse', confidence: 0.9 }),
        stanceRecorded({ questionId: q, claimId: 'a', participant: bob, stance: 'dispute', confidence: 0.4 }),
      ])
      .then((view) => expect(view.claims.get('a')!.stances.map((s) => [s.participant.id, s.stance])).toEqual([['alice', 'endorse'], ['bob', 'dispute']]))
      .and([stanceRecorded({ questionId: q, claimId: 'a', participant: alice, stance: 'dispute', confidence: 0.6 })])
      .then((view) => {
        expect(view.claims.get('a')!.stances.map((s) => [s.participant.id, s.stance, s.confidence])).toEqual([['bob', 'dispute', 0.4], ['alice', 'dispute', 0.6]]);
      });
  });

  it('retracts a claim with its reason, keeping it in the question', () => {
    spec
      .given([questionOpened({ questionId: q }), claimProposed({ questionId: q, claimId: 'a' }), said(claimRetracted({ questionId: q, claimId: 'a', reason: 'a feeble hypothesis' }), { by: preston })])
      .then((view) => {
        const claim = view.questions.get(q)!.claims.get('a')!;
        expect(claim.status).toBe('retracted');
        expect(claim.retraction).toMatchObject({ reason: 'a feeble hypothesis', provenance: { attributedTo: preston } });
      });
  });

  it('records relations between claims and from claims to evidence, in order', () => {
    spec
      .given([
        questionOpened({ questionId: q }),
        sourceRegistered({ sourceId: 's' }),
        claimProposed({ questionId: q, claimId: 'a' }),
        claimProposed({ questionId: q, claimId: 'b' }),
        claimsRelated({ questionId: q, fromClaimId: 'b', relation: 'rebuts', toClaimId: 'a', relationId: 'r1' }),
        claimsRelated({ questionId: q, fromClaimId: 'a', relation: 'competes', toClaimId: 'b', relationId: 'r2' }),
        evidenceAttached({ questionId: q, evidenceId: 'e', claimId: 'a', sourceId: 's' }),
        claimRelatedToEvidence({ questionId: q, fromClaimId: 'b', relation: 'undercuts', toEvidenceId: 'e', relationId: 'r3' }),
      ])
      .then((view) => {
        const question = view.questions.get(q)!;
        expect(question.relations.map((r) => [r.id, r.fromClaimId, r.relation, r.toClaimId])).toEqual([
          ['r1', 'b', 'rebuts', 'a'],
          ['r2', 'a', 'competes', 'b'],
        ]);
        expect(question.evidenceRelations.map((r) => [r.id, r.fromClaimId, r.relation, r.toEvidenceId])).toEqual([['r3', 'b', 'undercuts', 'e']]);
      });
  });

  it('keeps a piece of evidence’s verification history, then its withdrawal', () => {
    spec
      .given([
        questionOpened({ questionId: q }),
        claimProposed({ questionId: q, claimId: 'a' }),
        evidenceAttached({ questionId: q, evidenceId: 'e', claimId: 'a', sourceId: 's', verification: 'cited', locator: 'p. 7', credibility: 2 }),
        said(evidenceVerified({ questionId: q, evidenceId: 'e', claimId: 'a', verification: 'examined', note: 'read the scan' }), { by: { name: 'Siobhán Hearne' } }),
      ])
      .then((view) => {
        const evidence = view.questions.get(q)!.evidence.get('e')!;
        expect(evidence.verification).toBe('examined');
        expect(evidence.verifications.map((v) => [v.verification, v.note, v.provenance.attributedTo.name])).toEqual([
          ['cited', null, EDITOR.name],
          ['examined', 'read the scan', 'Siobhán Hearne'],
        ]);
        expect(evidence).toMatchObject({ locator: 'p. 7', credibility: 2, status: 'attached', withdrawal: null });
      })
      .and([evidenceWithdrawn({ questionId: q, evidenceId: 'e', claimId: 'a', reason: 'misread' })])
      .then((view) => expect(view.questions.get(q)!.evidence.get('e')).toMatchObject({ status: 'withdrawn', withdrawal: { reason: 'misread' } }));
  });

  it('keeps rewordings and proof standard changes, and the resolution until the question is reopened', () => {
    spec
      .given([
        questionOpened({ questionId: q, title: 'Old title', body: 'Old body' }),
        questionReworded({ questionId: q, title: 'New title', reason: 'shorter' }),
        proofStandardChanged({ questionId: q, proofStandard: 'beyond-reasonable-doubt', reason: 'a grave charge' }),
        claimProposed({ questionId: q, claimId: 'a' }),
        questionResolved({ questionId: q, summary: 'It was.', acceptedClaimIds: ['a'] }),
      ])
      .then((view) => {
        const question = view.questions.get(q)!;
        expect(question).toMatchObject({ title: 'New title', body: 'Old body', status: 'resolved', proofStandard: 'beyond-reasonable-doubt' });
        // A rewording names only what it changed.
        expect(question.rewordings).toEqual([{ title: 'New title', reason: 'shorter', provenance: expect.any(Object) }]);
        expect(question.proofStandardChanges.map((c) => [c.proofStandard, c.reason])).toEqual([['beyond-reasonable-doubt', 'a grave charge']]);
        expect(question.resolution).toMatchObject({ summary: 'It was.', acceptedClaimIds: ['a'] });
      })
      .and([questionReopened({ questionId: q })])
      .then((view) => expect(view.questions.get(q)).toMatchObject({ status: 'open', resolution: null }));
  });

  it('tracks the question stream’s revision and last position, and ignores events of questions it does not know', () => {
    spec
      .given([questionOpened({ questionId: q }), sourceRegistered({ sourceId: 's' }), claimProposed({ questionId: q, claimId: 'a' }), claimProposed({ questionId: 'unknown', claimId: 'x' })])
      .then((view) => {
        const question = view.questions.get(q)!;
        // Two events in the question's stream (revisions 0, 1); the claim is the log's third event (position 2).
        expect(question.revision).toBe(1n);
        expect(question.lastPosition).toBe(2n);
        expect(view.claims.has('x')).toBe(false);
        expect(view.questions.has('unknown')).toBe(false);
      });
  });
});
