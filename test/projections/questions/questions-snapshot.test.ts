import { describe, expect, it } from 'vitest';
import { StreamedEntries } from '../../../projections/projection';
import { questionsProjection, type QuestionsView, type QuestionView } from '../../../projections/questions/questions.projection';
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
  stanceRecorded,
  type GivenEvent,
} from '../../support/ledger-events';
import { projectionSpec } from '../../support/projection-spec';
import { ordered, sharing } from '../../support/view-shape';
import { viewSnapshotFiles } from '../../support/view-snapshot-file';

const saveView = viewSnapshotFiles('questions-snapshot-');

/** A snapshot file holding `data` as the questions view's snapshot form, as the runner writes it. */
const savedWith = (data: unknown) => saveView('questions', data);

/** Through a real snapshot file, as the runner writes and reads it. */
function throughSnapshot(view: QuestionsView): QuestionsView {
  return questionsProjection.fromSnapshot!(savedWith(questionsProjection.toSnapshot!(view)).load()!.views.questions);
}

/** The cells a question is written as. */
function cellsOf(entries: StreamedEntries<string, QuestionView>, question: QuestionView): unknown[] {
  const cells: unknown[] = [];
  entries.write(question, (cell) => cells.push(cell));
  return cells;
}

/** How many objects (arrays included) a value holds, itself included. */
function objectsIn(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 1;
  for (const item of value instanceof Map ? [...value] : Object.values(value)) count += objectsIn(item);
  return count;
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

  it('restores in steps (a question a step, then the index in runs) to the same view as at once', () => {
    projectionSpec(questionsProjection)
      .given(events)
      .then((view) => {
        const data = savedWith(questionsProjection.toSnapshot!(view)).load()!.views.questions;
        const steps = questionsProjection.restoreInSteps!(data);
        let taken = 0;
        let step = steps.next();
        for (; !step.done; step = steps.next()) taken++;
        // 300 questions, one step each: a server gives the event loop back between them.
        expect(taken).toBeGreaterThanOrEqual(300);
        expect(step.value).toEqual(questionsProjection.fromSnapshot!(data));
        expect(step.value).toEqual(view);
        expect([...step.value.claims.keys()]).toEqual([...view.claims.keys()]);
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

describe('the questions view in its compact snapshot form', () => {
  const WITNESS = { name: 'Nikolai Burdenko', affiliation: 'Soviet Special Commission', location: 'Smolensk' };
  const EXPERT = { id: 'expert', name: 'Expert Witness' };
  // Every kind of record a question holds, in a question written in slices among 300 others.
  const rich: GivenEvent[] = [];
  for (let q = 0; q < 300; q++) rich.push(questionOpened({ questionId: `q${q}`, tags: q % 2 === 0 ? ['katyn', `t${q}`] : [] }));
  rich.push(
    questionOpened({ questionId: 'sub', parentQuestionId: 'q1', title: 'Who signed the report?', body: 'The commission’s members.' }),
    questionReworded({ questionId: 'q1', title: 'Who did it?' }),
    questionReworded({ questionId: 'q1', body: 'A clearer body' }),
    questionReworded({ questionId: 'q1', title: 'Who did it, and when?', body: 'Both', reason: 'both at once' }),
    proofStandardChanged({ questionId: 'q1', proofStandard: 'clear-and-convincing' }),
    claimProposed({ questionId: 'q1', claimId: 'a', kind: 'answer', passage: 'as the letter says' }),
    said(claimProposed({ questionId: 'q1', claimId: 'b', owner: EXPERT }), { by: WITNESS, at: '1944-01', in: 'src-burdenko' }),
    claimProposed({ questionId: 'q1', claimId: 'c' }),
    claimRevised({ questionId: 'q1', claimId: 'a', text: 'A, better worded' }),
    claimRevised({ questionId: 'q1', claimId: 'a', text: 'A, best worded', reason: 'a typo' }),
    claimRetracted({ questionId: 'q1', claimId: 'c' }),
    claimsRelated({ questionId: 'q1', fromClaimId: 'b', toClaimId: 'a', relation: 'rebuts' }),
    claimsRelated({ questionId: 'q1', fromClaimId: 'a', toClaimId: 'b', relation: 'competes' }),
    evidenceAttached({ questionId: 'q1', evidenceId: 'e1', claimId: 'a', sourceId: 's1', locator: 'p. 4', quote: 'verbatim', credibility: 2, verification: 'cited' }),
    evidenceAttached({ questionId: 'q1', evidenceId: 'e2', claimId: 'b', sourceId: 's2', stance: 'undermines', owner: EXPERT }),
    evidenceVerified({ questionId: 'q1', evidenceId: 'e1', claimId: 'a', verification: 'examined', note: 'read in Moscow' }),
    evidenceVerified({ questionId: 'q1', evidenceId: 'e1', claimId: 'a', verification: 'transcribed' }),
    evidenceWithdrawn({ questionId: 'q1', evidenceId: 'e2', claimId: 'b' }),
    claimRelatedToEvidence({ questionId: 'q1', fromClaimId: 'b', toEvidenceId: 'e1', relation: 'undercuts' }),
    stanceRecorded({ questionId: 'q1', claimId: 'a', participant: EXPERT, stance: 'endorse', confidence: 0.75 }),
    stanceRecorded({ questionId: 'q1', claimId: 'a', participant: { id: 'p', name: 'Paul Preston' }, stance: 'dispute' }),
    // Replaces the expert's first stance on `a`.
    stanceRecorded({ questionId: 'q1', claimId: 'a', participant: EXPERT, stance: 'dispute', confidence: 1 }),
    questionResolved({ questionId: 'q1', summary: 'The NKVD, in 1940', acceptedClaimIds: ['a'] }),
    questionResolved({ questionId: 'q2', summary: 'not yet' }),
    questionReopened({ questionId: 'q2' }),
    claimProposed({ questionId: 'sub', claimId: 'in-sub' }),
  );

  it('reads back the view folded from the events, key and entry orders included, from SnapshotFile.load and loadInSlices', async () => {
    let folded: QuestionsView | undefined;
    projectionSpec(questionsProjection).given(rich).then((view) => (folded = view));
    const file = savedWith(questionsProjection.toSnapshot!(folded!));
    const loaded = questionsProjection.fromSnapshot!(file.load()!.views.questions);
    const sliced = questionsProjection.fromSnapshot!((await file.loadInSlices(async () => undefined))!.views.questions);
    for (const read of [loaded, sliced]) {
      expect(read).toEqual(folded);
      expect(ordered(read)).toEqual(ordered(folded));
    }
    const q1 = loaded.questions.get('q1')!;
    // The records the case is about, so that the equality above is not between two empty views.
    expect(q1.rewordings.map((r) => Object.keys(r))).toEqual([['title', 'reason', 'provenance'], ['body', 'reason', 'provenance'], ['title', 'body', 'reason', 'provenance']]);
    expect(q1.claims.get('a')!.versions.map((v) => v.text)).toEqual(['Claim a', 'A, better worded', 'A, best worded']);
    expect(q1.claims.get('a')!.stances.map((s) => [s.participant.id, s.stance])).toEqual([['p', 'dispute'], ['expert', 'dispute']]);
    expect(q1.claims.get('c')!.retraction).toMatchObject({ reason: 'withdrawn by its author' });
    expect(q1.evidence.get('e1')!.verifications.map((v) => v.verification)).toEqual(['cited', 'examined', 'transcribed']);
    expect(q1.evidence.get('e2')!.status).toBe('withdrawn');
    expect(q1.evidenceRelations[0]).toMatchObject({ fromClaimId: 'b', toEvidenceId: 'e1', relation: 'undercuts' });
    expect(q1.claims.get('b')!.provenance).toMatchObject({ attributedTo: WITNESS, occurredAt: '1944-01', saidIn: 'src-burdenko' });
    expect(q1).toMatchObject({ status: 'resolved', proofStandard: 'clear-and-convincing', subQuestionIds: ['sub'], resolution: { acceptedClaimIds: ['a'] } });
    expect(loaded.questions.get('q2')).toMatchObject({ status: 'open', resolution: null });
    expect([...loaded.claims.keys()]).toEqual([...folded!.claims.keys()]);
  });

  it('shares what the fold shares: provenances, person records, the current text and the ids relations name', () => {
    projectionSpec(questionsProjection, { stepMs: 0 })
      .given(rich)
      .then((view) => {
        const read = throughSnapshot(view).questions.get('q1')!;
        const a = read.claims.get('a')!;
        const b = read.claims.get('b')!;
        // Each object the fold holds twice or more (provenances of one command, person records), read
        // back as one object held in the same places; none of them any other.
        expect(sharing(read)).toEqual(sharing(view.questions.get('q1')!));
        expect(new Set(sharing(read)).size).toBeLessThan(sharing(read).length);
        expect(a.versions[0]!.provenance).toBe(a.provenance);
        // Recorded at one moment (stepMs 0) by one recorder: one provenance for the relation and its claim.
        expect(read.relations[1]!.provenance).toBe(read.relations[0]!.provenance);
        expect(a.owner).toBe(read.claims.get('c')!.owner);
        expect(a.owner).toBe(view.questions.get('q1')!.claims.get('a')!.owner);
        expect(b.owner).toBe(read.evidence.get('e2')!.owner);
        expect(a.text).toBe(a.versions[2]!.text);
        expect(read.relations[0]!.fromClaimId).toBe(b.id);
        expect(read.evidenceRelations[0]!.toEvidenceId).toBe(read.evidence.get('e1')!.id);
        expect(a.provenance.occurredAt).toBe(a.provenance.recordedAt);
      });
  });

  it('writes each question as primitives only, none of the objects it holds', () => {
    projectionSpec(questionsProjection)
      .given(rich)
      .then((view) => {
        const data = questionsProjection.toSnapshot!(view) as { questions: StreamedEntries<string, QuestionView> };
        expect(data.questions).toBeInstanceOf(StreamedEntries);
        expect(data.questions.entries).toBe(view.questions);
        const q1 = cellsOf(data.questions, view.questions.get('q1')!);
        expect(objectsIn(view.questions.get('q1'))).toBeGreaterThan(40);
        expect(q1.length).toBeGreaterThan(100);
        expect(q1.filter((cell) => typeof cell === 'object' && cell !== null)).toEqual([]);
        expect(q1).not.toContain(undefined);
      });
  });

  it('reads back a view of few questions (a Map the snapshot would write whole) and an empty one', () => {
    const few = rich.filter((event) => !('questionId' in event.data) || ['q1', 'q2', 'sub'].includes(event.data.questionId));
    projectionSpec(questionsProjection)
      .given(few)
      .then((view) => {
        expect(view.questions.size).toBe(3);
        const read = throughSnapshot(view);
        expect(ordered(read)).toEqual(ordered(view));
        expect(read.questions.get('q1')!.claims.size).toBe(3);
      });
    const empty = questionsProjection.init();
    expect(throughSnapshot(empty)).toEqual(empty);
  });

  it('reads a snapshot written before this form (QuestionView records)', () => {
    projectionSpec(questionsProjection)
      .given(rich)
      .then((view) => {
        const older = savedWith({ questions: new Map(view.questions) });
        const read = questionsProjection.fromSnapshot!(older.load()!.views.questions);
        expect(read).toEqual(view);
        expect(ordered(read)).toEqual(ordered(view));
      });
  });

  it('writes as it is a question holding a record of another shape, and reads it back so', () => {
    projectionSpec(questionsProjection)
      .given(rich)
      .then((view) => {
        // A person record with a field that is not a string: not this form's (the fold never makes it).
        const odd = { ...view.questions.get('q1')!, tags: ['odd'] };
        const claims = new Map(odd.claims);
        claims.set('a', { ...claims.get('a')!, owner: { id: 'x', name: 'X', since: 1947 } as never });
        odd.claims = claims;
        const questions = new Map(view.questions).set('q1', odd);
        const data = questionsProjection.toSnapshot!({ questions, claims: view.claims }) as { questions: StreamedEntries<string, QuestionView> };
        expect(cellsOf(data.questions, odd)).toEqual([odd]);
        const read = questionsProjection.fromSnapshot!(savedWith(data).load()!.views.questions);
        expect(read.questions.get('q1')).toEqual(odd);
        expect(read.questions.get('q2')).toEqual(view.questions.get('q2'));
        // A field left undefined (undefined ends an entry in the file): written as it is too.
        const q2 = view.questions.get('q2')!;
        const unset = { ...q2, parentQuestionId: undefined as never };
        expect(cellsOf(data.questions, unset)).toEqual([unset]);
        expect(cellsOf(data.questions, q2)[0]).toBe(1);
      });
  });

  it('folds on from the compact form as from the live view', () => {
    const more = [
      claimRevised({ questionId: 'q1', claimId: 'b', text: 'B, later' }),
      stanceRecorded({ questionId: 'q1', claimId: 'a', participant: { id: 'p', name: 'Paul Preston' }, stance: 'endorse' }),
      evidenceVerified({ questionId: 'q1', evidenceId: 'e1', claimId: 'a', verification: 'transcribed', note: 'again' }),
      claimsRelated({ questionId: 'q1', fromClaimId: 'c', toClaimId: 'b', relation: 'supports' }),
      questionReopened({ questionId: 'q1' }),
      claimProposed({ questionId: 'sub', claimId: 'late' }),
    ];
    let live: QuestionsView | undefined;
    projectionSpec(questionsProjection)
      .given(rich)
      .then(() => undefined)
      .and(more)
      .then((view) => (live = view));
    projectionSpec(questionsProjection)
      .given(rich)
      .then((view, fold) => fold.restore(throughSnapshot(view)))
      .and(more)
      .then((view) => {
        expect(ordered(view)).toEqual(ordered(live));
        expect(view.claims.get('b')).toBe(view.questions.get('q1')!.claims.get('b'));
        expect(view.claims.get('late')).toBe(view.questions.get('sub')!.claims.get('late'));
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
