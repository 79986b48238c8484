import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../../src/ledger/decider';
import type { QuestionCommand } from '../../../src/ledger/question/question.commands';
import { questionDecider } from '../../../src/ledger/question/question.decider';
import type { ClaimRelation, EvidenceRelation, ProofStandard, QuestionEvent, Verification } from '../../../contract/question.events';
import { deciderSpec } from '../decider-spec';

const spec = deciderSpec(questionDecider);

const Q = 'q-red-cross';
const silvia = { id: 'p-silvia', name: 'Silvia Ribelles de la Vega' };
const preston = { id: 'p-preston', name: 'Paul Preston' };
const asSilvia = { principalId: silvia.id, moderator: false };
const asPreston = { principalId: preston.id, moderator: false };
const asModerator = { principalId: 'p-eipper', moderator: true };

const opened = {
  type: 'QuestionOpened',
  data: {
    questionId: Q,
    title: 'Soviet Red Cross, the PCE and the NKVD in the late 1940s',
    body: 'A 600-rouble allowance paid by the "Red Cross"',
    tags: ['ussr', 'spain'],
    parentQuestionId: null,
    proofStandard: 'preponderance',
  },
} satisfies QuestionEvent;
const claim = (claimId: string, owner = silvia, text = `text of ${claimId}`): QuestionEvent => ({
  type: 'ClaimProposed',
  data: { questionId: Q, claimId, text, passage: null, kind: 'hypothesis', owner },
});
const retracted = (claimId: string): QuestionEvent => ({ type: 'ClaimRetracted', data: { questionId: Q, claimId, reason: 'wrong' } });
const evidence = (evidenceId: string, claimId: string, owner = silvia, verification: Verification = 'examined'): QuestionEvent => ({
  type: 'EvidenceAttached',
  data: { questionId: Q, evidenceId, claimId, sourceId: 's-garf', stance: 'supports', locator: null, quote: null, credibility: null, verification, owner },
});
const withdrawn = (evidenceId: string, claimId: string): QuestionEvent => ({
  type: 'EvidenceWithdrawn',
  data: { questionId: Q, evidenceId, claimId, reason: 'misread' },
});
const related = (from: string, to: string, relation: ClaimRelation, relationId = 'r0'): QuestionEvent => ({
  type: 'ClaimsRelated',
  data: { questionId: Q, relationId, fromClaimId: from, toClaimId: to, relation },
});
const attach = (evidenceId: string, claimId: string): QuestionCommand => ({
  type: 'AttachEvidence',
  questionId: Q,
  evidenceId,
  claimId,
  sourceId: 's-garf',
  stance: 'supports',
  locator: 'op. 17, d. 8756',
  quote: null,
  credibility: 2,
  verification: 'examined',
  owner: preston,
});

describe('question decider', () => {
  describe('OpenQuestion', () => {
    const open: QuestionCommand = { type: 'OpenQuestion', ...opened.data } as QuestionCommand;

    it('opens a new question', () => spec.given([]).when(open).then([opened]));
    it('opens a follow-up under a parent', () =>
      spec
        .given([])
        .when({ ...open, parentQuestionId: 'q-parent' } as QuestionCommand)
        .then([{ type: 'QuestionOpened', data: { ...opened.data, parentQuestionId: 'q-parent' } } as QuestionEvent]));
    it('refuses to open the same question twice', () => spec.given([opened]).when(open).thenRefused('question-exists', 'questionId'));
    it('refuses a question that is its own parent', () =>
      spec.given([]).when({ ...open, parentQuestionId: Q } as QuestionCommand).thenRefused('own-parent', 'parentQuestionId'));
    it('opens a question under the proof standard it is given', () =>
      spec
        .given([])
        .when({ ...open, proofStandard: 'beyond-reasonable-doubt' } as QuestionCommand)
        .then([{ type: 'QuestionOpened', data: { ...opened.data, proofStandard: 'beyond-reasonable-doubt' } }]));
  });

  describe('ChangeProofStandard', () => {
    const change = (proofStandard: ProofStandard): QuestionCommand => ({ type: 'ChangeProofStandard', questionId: Q, proofStandard, reason: 'a verdict on NKVD control needs more' });
    const changed = (proofStandard: ProofStandard): QuestionEvent => ({
      type: 'ProofStandardChanged',
      data: { questionId: Q, proofStandard, reason: 'a verdict on NKVD control needs more' },
    });
    it('changes the proof standard', () => spec.given([opened]).when(change('clear-and-convincing')).then([changed('clear-and-convincing')]));
    it('refuses the standard the question was opened with', () => spec.given([opened]).when(change('preponderance')).thenRefused('unchanged', 'proofStandard'));
    it('refuses the standard the last change put in force, and accepts going back', () => {
      spec.given([opened, changed('scintilla')]).when(change('scintilla')).thenRefused('unchanged', 'proofStandard');
      spec.given([opened, changed('scintilla')]).when(change('preponderance')).then([changed('preponderance')]);
    });
    it('changes the standard of a resolved question too', () =>
      spec
        .given([opened, { type: 'QuestionResolved', data: { questionId: Q, summary: 'x', acceptedClaimIds: [] } }])
        .when(change('beyond-reasonable-doubt'))
        .then([changed('beyond-reasonable-doubt')]));
    it('answers not found for a question never opened', () => spec.given([]).when(change('scintilla')).thenNotFound('question', Q));
  });

  it('refuses any other command on a question that was never opened', () =>
    spec.given([]).when({ type: 'ReopenQuestion', questionId: Q, reason: 'x' }).thenNotFound('question', Q));

  describe('RewordQuestion', () => {
    it('records only what changes', () =>
      spec
        .given([opened])
        .when({ type: 'RewordQuestion', questionId: Q, title: 'New title', body: opened.data.body as string, reason: 'clearer' })
        .then([{ type: 'QuestionReworded', data: { questionId: Q, title: 'New title', reason: 'clearer' } }]));
    it('refuses a rewording that changes nothing', () =>
      spec.given([opened]).when({ type: 'RewordQuestion', questionId: Q, title: opened.data.title as string, reason: 'x' }).thenRefused('unchanged', 'title'));
    it('refuses a rewording with neither title nor body', () =>
      spec.given([opened]).when({ type: 'RewordQuestion', questionId: Q, reason: 'x' }).thenRefused('nothing-to-change', 'title'));
  });

  describe('ProposeClaim', () => {
    it('proposes a claim', () =>
      spec
        .given([opened])
        .when({ type: 'ProposeClaim', questionId: Q, claimId: 'c1', text: 'A budgetary device', kind: 'hypothesis', owner: preston })
        .then([{ type: 'ClaimProposed', data: { questionId: Q, claimId: 'c1', text: 'A budgetary device', passage: null, kind: 'hypothesis', owner: preston } }]));
    it('keeps the verbatim passage the claim paraphrases, and records none when the command gives none', () => {
      const passage = 'My only--and probably not very useful--guess is that it might have been a budgetary device';
      spec
        .given([opened])
        .when({ type: 'ProposeClaim', questionId: Q, claimId: 'c1', text: 'Perhaps a budgetary device', passage, kind: 'hypothesis', owner: preston })
        .then([{ type: 'ClaimProposed', data: { questionId: Q, claimId: 'c1', text: 'Perhaps a budgetary device', passage, kind: 'hypothesis', owner: preston } }]);
      spec
        .given([opened])
        .when({ type: 'ProposeClaim', questionId: Q, claimId: 'c1', text: 'x', passage: null, kind: 'hypothesis', owner: preston })
        .then([{ type: 'ClaimProposed', data: { questionId: Q, claimId: 'c1', text: 'x', passage: null, kind: 'hypothesis', owner: preston } }]);
    });
    it('proposes a rebuttal and its relation in one decision', () =>
      spec
        .given([opened, claim('c1')])
        .when({
          type: 'ProposeClaim',
          questionId: Q,
          claimId: 'c2',
          text: 'No',
          kind: 'answer',
          owner: preston,
          respondsTo: { claimId: 'c1', relation: 'rebuts', relationId: 'r1' },
        })
        .then([
          { type: 'ClaimProposed', data: { questionId: Q, claimId: 'c2', text: 'No', passage: null, kind: 'answer', owner: preston } },
          { type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r1', fromClaimId: 'c2', toClaimId: 'c1', relation: 'rebuts' } },
        ]));
    it('refuses to respond to a retracted claim', () =>
      spec
        .given([opened, claim('c1'), retracted('c1')])
        .when({ type: 'ProposeClaim', questionId: Q, claimId: 'c2', text: 'No', kind: 'answer', owner: preston, respondsTo: { claimId: 'c1', relation: 'rebuts', relationId: 'r1' } })
        .thenRefused('claim-retracted', 'respondsTo.claimId'));
    it('refuses to respond to a claim of another question', () =>
      spec
        .given([opened])
        .when({ type: 'ProposeClaim', questionId: Q, claimId: 'c2', text: 'No', kind: 'answer', owner: preston, respondsTo: { claimId: 'elsewhere', relation: 'supports', relationId: 'r1' } })
        .thenRefused('claim-not-in-question', 'respondsTo.claimId'));
    it('refuses a claim id used before', () =>
      spec.given([opened, claim('c1')]).when({ type: 'ProposeClaim', questionId: Q, claimId: 'c1', text: 'x', kind: 'answer', owner: silvia }).thenRefused('claim-exists', 'claimId'));
  });

  describe('ReviseClaim', () => {
    const revise = (actor = asSilvia, text = 'better'): QuestionCommand => ({ type: 'ReviseClaim', questionId: Q, claimId: 'c1', text, reason: 'typo', actor });
    it('revises its own claim', () =>
      spec.given([opened, claim('c1')]).when(revise()).then([{ type: 'ClaimRevised', data: { questionId: Q, claimId: 'c1', text: 'better', reason: 'typo' } }]));
    it('lets a moderator revise anyone’s claim, as a moderator action', () =>
      spec
        .given([opened, claim('c1')])
        .when(revise(asModerator))
        .then([{ type: 'ClaimRevised', data: { questionId: Q, claimId: 'c1', text: 'better', reason: 'typo', moderatorAction: true } }]));
    it('lets a moderator retract anyone’s claim, as a moderator action', () =>
      spec
        .given([opened, claim('c1')])
        .when({ type: 'RetractClaim', questionId: Q, claimId: 'c1', reason: 'off topic', actor: asModerator })
        .then([{ type: 'ClaimRetracted', data: { questionId: Q, claimId: 'c1', reason: 'off topic', moderatorAction: true } }]));
    it('refuses to revise someone else’s claim', () => spec.given([opened, claim('c1')]).when(revise(asPreston)).thenRefused('not-owner', 'claimId'));
    it('refuses to revise a retracted claim', () => spec.given([opened, claim('c1'), retracted('c1')]).when(revise()).thenRefused('claim-retracted', 'claimId'));
    it('refuses a revision that changes nothing', () => spec.given([opened, claim('c1', silvia, 'same')]).when(revise(asSilvia, 'same')).thenRefused('unchanged', 'text'));
  });

  describe('RetractClaim', () => {
    const retract = (actor = asSilvia): QuestionCommand => ({ type: 'RetractClaim', questionId: Q, claimId: 'c1', reason: 'superseded', actor });
    it('retracts its own claim', () =>
      spec.given([opened, claim('c1')]).when(retract()).then([{ type: 'ClaimRetracted', data: { questionId: Q, claimId: 'c1', reason: 'superseded' } }]));
    it('refuses to retract twice', () => spec.given([opened, claim('c1'), retracted('c1')]).when(retract()).thenRefused('already-retracted', 'claimId'));
    it('refuses to retract someone else’s claim', () => spec.given([opened, claim('c1')]).when(retract(asPreston)).thenRefused('not-owner', 'claimId'));
    it('answers not found for a claim outside the question', () => spec.given([opened]).when(retract()).thenNotFound('claim', 'c1'));
  });

  describe('RelateClaims', () => {
    const relate = (from: string, to: string, relation: ClaimRelation = 'rebuts'): QuestionCommand => ({
      type: 'RelateClaims',
      questionId: Q,
      relationId: 'r1',
      fromClaimId: from,
      toClaimId: to,
      relation,
    });
    it('relates two live claims of the question', () =>
      spec
        .given([opened, claim('c1'), claim('c2')])
        .when(relate('c2', 'c1', 'undercuts'))
        .then([{ type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r1', fromClaimId: 'c2', toClaimId: 'c1', relation: 'undercuts' } }]));
    it('allows cycles', () =>
      spec
        .given([opened, claim('c1'), claim('c2'), { type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r0', fromClaimId: 'c1', toClaimId: 'c2', relation: 'rebuts' } }])
        .when(relate('c2', 'c1'))
        .then([{ type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r1', fromClaimId: 'c2', toClaimId: 'c1', relation: 'rebuts' } }]));
    it('refuses a relation across questions', () => spec.given([opened, claim('c1')]).when(relate('c1', 'other-question-claim')).thenRefused('claim-not-in-question', 'toClaimId'));
    it('refuses a relation to a retracted claim', () =>
      spec.given([opened, claim('c1'), claim('c2'), retracted('c1')]).when(relate('c2', 'c1')).thenRefused('claim-retracted', 'toClaimId'));
    it('refuses a relation from a retracted claim', () =>
      spec.given([opened, claim('c1'), claim('c2'), retracted('c2')]).when(relate('c2', 'c1')).thenRefused('claim-retracted', 'fromClaimId'));
    it('refuses to relate a claim to itself', () => spec.given([opened, claim('c1')]).when(relate('c1', 'c1')).thenRefused('self-relation', 'toClaimId'));
    it('refuses the same relation twice', () =>
      spec
        .given([opened, claim('c1'), claim('c2'), { type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r0', fromClaimId: 'c2', toClaimId: 'c1', relation: 'rebuts' } }])
        .when(relate('c2', 'c1'))
        .thenRefused('relation-exists', 'relation'));

    describe('competes', () => {
      it('relates two live rival claims', () =>
        spec
          .given([opened, claim('c1'), claim('c2')])
          .when(relate('c2', 'c1', 'competes'))
          .then([{ type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r1', fromClaimId: 'c2', toClaimId: 'c1', relation: 'competes' } }]));
      it('refuses the same rivalry stated the same way again', () =>
        spec.given([opened, claim('c1'), claim('c2'), related('c2', 'c1', 'competes')]).when(relate('c2', 'c1', 'competes')).thenRefused('relation-exists', 'relation'));
      it('refuses the same rivalry stated the other way round: competes is symmetric', () =>
        spec.given([opened, claim('c1'), claim('c2'), related('c2', 'c1', 'competes')]).when(relate('c1', 'c2', 'competes')).thenRefused('relation-exists', 'relation'));
      it('proposes a rival explanation in reply to a claim', () =>
        spec
          .given([opened, claim('c1')])
          .when({ type: 'ProposeClaim', questionId: Q, claimId: 'c2', text: 'A budgetary device', kind: 'hypothesis', owner: preston, respondsTo: { claimId: 'c1', relation: 'competes', relationId: 'r0' } })
          .then([
            { type: 'ClaimProposed', data: { questionId: Q, claimId: 'c2', text: 'A budgetary device', passage: null, kind: 'hypothesis', owner: preston } },
            related('c2', 'c1', 'competes'),
          ]));
      it('still refuses the rivalry the other way after a reply stated it', () =>
        spec
          .given([opened, claim('c1'), claim('c2', preston), related('c2', 'c1', 'competes')])
          .when(relate('c1', 'c2', 'competes'))
          .thenRefused('relation-exists', 'relation'));
      it('leaves other relations between the rivals free, either way', () =>
        spec
          .given([opened, claim('c1'), claim('c2'), related('c2', 'c1', 'competes')])
          .when(relate('c1', 'c2', 'rebuts'))
          .then([{ type: 'ClaimsRelated', data: { questionId: Q, relationId: 'r1', fromClaimId: 'c1', toClaimId: 'c2', relation: 'rebuts' } }]));
      it('refuses a claim competing with itself', () => spec.given([opened, claim('c1')]).when(relate('c1', 'c1', 'competes')).thenRefused('self-relation', 'toClaimId'));
      it('refuses a rival that is retracted, either side', () => {
        spec.given([opened, claim('c1'), claim('c2'), retracted('c1')]).when(relate('c2', 'c1', 'competes')).thenRefused('claim-retracted', 'toClaimId');
        spec.given([opened, claim('c1'), claim('c2'), retracted('c2')]).when(relate('c2', 'c1', 'competes')).thenRefused('claim-retracted', 'fromClaimId');
      });
      it('refuses a rival from another question', () =>
        spec.given([opened, claim('c1')]).when(relate('c1', 'elsewhere', 'competes')).thenRefused('claim-not-in-question', 'toClaimId'));
    });
  });

  describe('RelateClaimToEvidence', () => {
    const relate = (from: string, to: string, relation: EvidenceRelation = 'undercuts'): QuestionCommand => ({
      type: 'RelateClaimToEvidence',
      questionId: Q,
      relationId: 'r1',
      fromClaimId: from,
      toEvidenceId: to,
      relation,
    });
    const relatedToEvidence = (from: string, to: string, relation: EvidenceRelation = 'undercuts', relationId = 'r1'): QuestionEvent => ({
      type: 'ClaimRelatedToEvidence',
      data: { questionId: Q, relationId, fromClaimId: from, toEvidenceId: to, relation },
    });
    const withEvidence = [opened, claim('c1'), claim('c2', preston), evidence('e1', 'c1')];

    it('lets a claim undercut a piece of evidence (source criticism)', () => spec.given(withEvidence).when(relate('c2', 'e1')).then([relatedToEvidence('c2', 'e1')]));
    it('lets a claim support or rebut a piece of evidence', () => {
      spec.given(withEvidence).when(relate('c2', 'e1', 'supports')).then([relatedToEvidence('c2', 'e1', 'supports')]);
      spec.given(withEvidence).when(relate('c2', 'e1', 'rebuts')).then([relatedToEvidence('c2', 'e1', 'rebuts')]);
    });
    it('refuses the same relation to the same evidence twice', () =>
      spec.given([...withEvidence, relatedToEvidence('c2', 'e1', 'undercuts', 'r0')]).when(relate('c2', 'e1')).thenRefused('relation-exists', 'relation'));
    it('accepts another relation to the same evidence, and the same relation from another claim', () => {
      spec.given([...withEvidence, relatedToEvidence('c2', 'e1', 'undercuts', 'r0')]).when(relate('c2', 'e1', 'rebuts')).then([relatedToEvidence('c2', 'e1', 'rebuts')]);
      spec.given([...withEvidence, relatedToEvidence('c2', 'e1', 'undercuts', 'r0')]).when(relate('c1', 'e1')).then([relatedToEvidence('c1', 'e1')]);
    });
    it('is not confused with a relation to a claim of the same id', () =>
      spec.given([...withEvidence, related('c2', 'c1', 'undercuts')]).when(relate('c2', 'e1')).then([relatedToEvidence('c2', 'e1')]));
    it('refuses evidence that is not evidence of this question', () => spec.given(withEvidence).when(relate('c2', 'e-elsewhere')).thenRefused('evidence-not-in-question', 'toEvidenceId'));
    it('refuses withdrawn evidence', () => spec.given([...withEvidence, withdrawn('e1', 'c1')]).when(relate('c2', 'e1')).thenRefused('evidence-withdrawn', 'toEvidenceId'));
    it('refuses a relation from a retracted claim', () => spec.given([...withEvidence, retracted('c2')]).when(relate('c2', 'e1')).thenRefused('claim-retracted', 'fromClaimId'));
    it('refuses a relation from a claim of another question', () => spec.given(withEvidence).when(relate('elsewhere', 'e1')).thenRefused('claim-not-in-question', 'fromClaimId'));
    it('refuses competes, which relates two claims', () =>
      spec.given(withEvidence).when(relate('c2', 'e1', 'competes' as EvidenceRelation)).thenRefused('relation-not-for-evidence', 'relation'));
  });

  describe('AttachEvidence and WithdrawEvidence', () => {
    it('attaches evidence to a live claim', () => {
      const { type: _t, ...data } = attach('e1', 'c1') as Extract<QuestionCommand, { type: 'AttachEvidence' }>;
      spec.given([opened, claim('c1')]).when(attach('e1', 'c1')).then([{ type: 'EvidenceAttached', data }]);
    });
    it('refuses evidence on a retracted claim', () => spec.given([opened, claim('c1'), retracted('c1')]).when(attach('e1', 'c1')).thenRefused('claim-retracted', 'claimId'));
    it('refuses evidence on a claim of another question', () => spec.given([opened]).when(attach('e1', 'c9')).thenRefused('claim-not-in-question', 'claimId'));
    it('refuses an evidence id used before', () => spec.given([opened, claim('c1'), evidence('e1', 'c1')]).when(attach('e1', 'c1')).thenRefused('evidence-exists', 'evidenceId'));

    const withdraw = (actor = asSilvia): QuestionCommand => ({ type: 'WithdrawEvidence', questionId: Q, evidenceId: 'e1', reason: 'misread', actor });
    it('withdraws its own evidence', () =>
      spec
        .given([opened, claim('c1'), evidence('e1', 'c1')])
        .when(withdraw())
        .then([{ type: 'EvidenceWithdrawn', data: { questionId: Q, evidenceId: 'e1', claimId: 'c1', reason: 'misread' } }]));
    it('lets a moderator withdraw anyone’s evidence', () =>
      spec
        .given([opened, claim('c1'), evidence('e1', 'c1')])
        .when(withdraw(asModerator))
        .then([{ type: 'EvidenceWithdrawn', data: { questionId: Q, evidenceId: 'e1', claimId: 'c1', reason: 'misread', moderatorAction: true } }]));
    it('refuses to withdraw someone else’s evidence', () => spec.given([opened, claim('c1'), evidence('e1', 'c1')]).when(withdraw(asPreston)).thenRefused('not-owner', 'evidenceId'));
    it('refuses to withdraw twice', () =>
      spec
        .given([opened, claim('c1'), evidence('e1', 'c1'), { type: 'EvidenceWithdrawn', data: { questionId: Q, evidenceId: 'e1', claimId: 'c1', reason: 'x' } }])
        .when(withdraw())
        .thenRefused('already-withdrawn', 'evidenceId'));
    it('answers not found for unknown evidence', () => spec.given([opened]).when(withdraw()).thenNotFound('evidence', 'e1'));
    it('attaches evidence as cited, a reference nobody has read yet', () => {
      const command = { ...attach('e1', 'c1'), verification: 'cited' } as Extract<QuestionCommand, { type: 'AttachEvidence' }>;
      const { type: _t, ...data } = command;
      spec.given([opened, claim('c1')]).when(command).then([{ type: 'EvidenceAttached', data }]);
    });
  });

  describe('VerifyEvidence', () => {
    const verify = (verification: Verification, actor = asSilvia, note: string | null = null): QuestionCommand => ({
      type: 'VerifyEvidence',
      questionId: Q,
      evidenceId: 'e1',
      verification,
      note,
      actor,
    });
    const verified = (verification: Verification, note: string | null = null, moderatorAction?: true): QuestionEvent => ({
      type: 'EvidenceVerified',
      data: { questionId: Q, evidenceId: 'e1', claimId: 'c1', verification, note, ...(moderatorAction ? { moderatorAction } : {}) },
    });
    const cited = [opened, claim('c1'), evidence('e1', 'c1', silvia, 'cited')];

    it('lets the owner raise cited evidence to examined', () => spec.given(cited).when(verify('examined')).then([verified('examined')]));
    it('lets the owner raise it straight to transcribed, with a note', () =>
      spec.given(cited).when(verify('transcribed', asSilvia, 'quoted from ll. 12-14')).then([verified('transcribed', 'quoted from ll. 12-14')]));
    it('raises examined to transcribed after an earlier raise', () => spec.given([...cited, verified('examined')]).when(verify('transcribed')).then([verified('transcribed')]));
    it('lets a moderator verify anyone’s evidence, as a moderator action', () =>
      spec.given(cited).when(verify('examined', asModerator, 'read at GARF')).then([verified('examined', 'read at GARF', true)]));
    it('records no moderator action when a moderator verifies their own evidence', () =>
      spec
        .given([opened, claim('c1'), evidence('e1', 'c1', { id: asModerator.principalId, name: 'John Eipper' }, 'cited')])
        .when(verify('examined', asModerator))
        .then([verified('examined')]));
    it('refuses to verify someone else’s evidence', () => spec.given(cited).when(verify('examined', asPreston)).thenRefused('not-owner', 'evidenceId'));
    it('refuses the verification the evidence already has', () => {
      spec.given(cited).when(verify('cited')).thenRefused('unchanged', 'verification');
      spec.given([...cited, verified('examined')]).when(verify('examined')).thenRefused('unchanged', 'verification');
    });
    it('refuses to lower a verification, saying how to correct one', () => {
      spec.given([...cited, verified('transcribed')]).when(verify('examined')).thenRefused('verification-lowered', 'verification');
      spec.given([opened, claim('c1'), evidence('e1', 'c1')]).when(verify('cited')).thenRefused('verification-lowered', 'verification');
      const examined = foldEvents(questionDecider, [opened, claim('c1'), evidence('e1', 'c1')]);
      expect(() => questionDecider.decide(verify('cited'), examined)).toThrow(/withdraw the evidence and attach it again/);
    });
    it('refuses to verify withdrawn evidence', () => spec.given([...cited, withdrawn('e1', 'c1')]).when(verify('examined')).thenRefused('evidence-withdrawn', 'evidenceId'));
    it('answers not found for unknown evidence', () => spec.given([opened]).when(verify('examined')).thenNotFound('evidence', 'e1'));
  });

  describe('RecordStance', () => {
    const stance = (confidence: number): QuestionCommand => ({ type: 'RecordStance', questionId: Q, claimId: 'c1', participant: preston, stance: 'dispute', confidence });
    it('records a stance, and a later one beside it', () =>
      spec
        .given([opened, claim('c1'), { type: 'StanceRecorded', data: { questionId: Q, claimId: 'c1', participant: preston, stance: 'endorse', confidence: 0.4 } }])
        .when(stance(0.9))
        .then([{ type: 'StanceRecorded', data: { questionId: Q, claimId: 'c1', participant: preston, stance: 'dispute', confidence: 0.9 } }]));
    it('refuses a stance on a retracted claim', () => spec.given([opened, claim('c1'), retracted('c1')]).when(stance(0.5)).thenRefused('claim-retracted', 'claimId'));
  });

  describe('ResolveQuestion and ReopenQuestion', () => {
    const resolve = (acceptedClaimIds: string[]): QuestionCommand => ({ type: 'ResolveQuestion', questionId: Q, summary: 'A cover for NKVD funds', acceptedClaimIds });
    const resolvedEvent: QuestionEvent = { type: 'QuestionResolved', data: { questionId: Q, summary: 'A cover for NKVD funds', acceptedClaimIds: ['c1'] } };
    it('resolves naming live claims of the question', () => spec.given([opened, claim('c1')]).when(resolve(['c1'])).then([resolvedEvent]));
    it('refuses a resolution naming a claim of another question', () =>
      spec.given([opened, claim('c1')]).when(resolve(['c1', 'elsewhere'])).thenRefused('claim-not-in-question', 'acceptedClaimIds[1]'));
    it('refuses a resolution naming a retracted claim', () =>
      spec.given([opened, claim('c1'), retracted('c1')]).when(resolve(['c1'])).thenRefused('claim-retracted', 'acceptedClaimIds[0]'));
    it('refuses to resolve twice', () => spec.given([opened, claim('c1'), resolvedEvent]).when(resolve(['c1'])).thenRefused('already-resolved', 'questionId'));
    it('reopens a resolved question, which can then be resolved again', () => {
      spec.given([opened, claim('c1'), resolvedEvent]).when({ type: 'ReopenQuestion', questionId: Q, reason: 'new archive' }).then([
        { type: 'QuestionReopened', data: { questionId: Q, reason: 'new archive' } },
      ]);
      spec
        .given([opened, claim('c1'), resolvedEvent, { type: 'QuestionReopened', data: { questionId: Q, reason: 'new archive' } }])
        .when(resolve(['c1']))
        .then([resolvedEvent]);
    });
    it('refuses to reopen an open question', () => spec.given([opened]).when({ type: 'ReopenQuestion', questionId: Q, reason: 'x' }).thenRefused('not-resolved', 'questionId'));
  });
});
