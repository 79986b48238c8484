import type { Type } from '@nestjs/common';
import type { UnaddressedWrite, WriteInputs, WriteName } from '../application/write-table/write';
import { AttachEvidenceDto, ProposeClaimDto, RecordStanceDto, RelateClaimsDto, ReviseClaimDto, VerifyEvidenceDto } from './dto/claim.dto';
import { ChangeProofStandardDto, OpenQuestionDto, ReasonDto, ResolveQuestionDto, RewordQuestionDto } from './dto/question.dto';
import { AppraiseSourceDto, RegisterSourceDto } from './dto/source.dto';

/** The kinds of thing a route's `:id` can name, for its 400 and 404. */
export type RouteSubject = 'question' | 'claim' | 'evidence' | 'source';

/**
 * A write's route: the verb and path (below /api), the DTO its body is validated into, what it answers,
 * who may send it, and its docs. A write with a subject has `:id` in its path (the compiler checks it),
 * and names what that id is.
 */
export interface WriteRouteRow<N extends WriteName> {
  tag: 'questions' | 'claims' | 'sources';
  verb: 'POST' | 'PATCH';
  path: N extends UnaddressedWrite ? string : `${string}/:id${string}`;
  subject: N extends UnaddressedWrite ? null : RouteSubject;
  body: Type<WriteInputs[N]>;
  /** 201 when the write makes something new (the answer's id is the new thing's), 200 otherwise. */
  status: 200 | 201;
  /** Moderators only, or any contributor (the default for a write: see accounts/requires.decorator.ts). */
  access: 'contributor' | 'moderator';
  summary: string;
  description: string;
  /** What the answer means, when more than "written" needs saying. */
  answer: string | null;
}

/**
 * Every write route, one row per write: a write added to the write table without a route here fails
 * to compile. write-routes.controller.ts turns each row into a route that runs the write.
 */
export const WRITE_ROUTES: { readonly [N in WriteName]: WriteRouteRow<N> } = {
  OpenQuestion: {
    tag: 'questions',
    verb: 'POST',
    path: 'questions',
    subject: null,
    body: OpenQuestionDto,
    status: 201,
    access: 'contributor',
    summary: 'Open a question',
    description: 'Any contributor may open one, as a sub-question of another with `parentQuestionId` (an unknown parent is a 422 `unknown-question`). The answer’s id is the question’s.',
    answer: null,
  },
  RewordQuestion: {
    tag: 'questions',
    verb: 'PATCH',
    path: 'questions/:id',
    subject: 'question',
    body: RewordQuestionDto,
    status: 200,
    access: 'moderator',
    summary: 'Reword a question',
    description: 'A moderator gives a new title, body or both, with a reason; the old wording stays in the history.',
    answer: null,
  },
  ChangeProofStandard: {
    tag: 'questions',
    verb: 'POST',
    path: 'questions/:id/proof-standard',
    subject: 'question',
    body: ChangeProofStandardDto,
    status: 200,
    access: 'moderator',
    summary: 'Change a question’s proof standard',
    description: 'A moderator holds the question’s claims to another standard (scintilla, preponderance, clear-and-convincing, beyond-reasonable-doubt), with a reason.',
    answer: 'Changed: the question’s claims are labelled under the new standard from now on; the old one stays in the history',
  },
  ProposeClaim: {
    tag: 'questions',
    verb: 'POST',
    path: 'questions/:id/claims',
    subject: 'question',
    body: ProposeClaimDto,
    status: 201,
    access: 'contributor',
    summary: 'Propose a claim',
    description:
      'A claim on the question (an answer, a hypothesis or background), with the verbatim passage it paraphrases if any, optionally responding to another claim of the question. The answer’s id is the claim’s.',
    answer: null,
  },
  ResolveQuestion: {
    tag: 'questions',
    verb: 'POST',
    path: 'questions/:id/resolution',
    subject: 'question',
    body: ResolveQuestionDto,
    status: 200,
    access: 'moderator',
    summary: 'Resolve a question',
    description: 'A moderator closes the question with a summary and the claims it accepts; the consensus says whether it agrees.',
    answer: null,
  },
  ReopenQuestion: {
    tag: 'questions',
    verb: 'POST',
    path: 'questions/:id/reopening',
    subject: 'question',
    body: ReasonDto,
    status: 200,
    access: 'moderator',
    summary: 'Reopen a resolved question',
    description: 'A moderator reopens it, with a reason; the resolution stays in the history.',
    answer: null,
  },
  ReviseClaim: {
    tag: 'claims',
    verb: 'PATCH',
    path: 'claims/:id',
    subject: 'claim',
    body: ReviseClaimDto,
    status: 200,
    access: 'contributor',
    summary: 'Revise a claim',
    description: 'A new wording with a reason, by the claim’s owner or a moderator; every earlier wording stays in the history.',
    answer: 'Revised: the old text stays in the history',
  },
  RetractClaim: {
    tag: 'claims',
    verb: 'POST',
    path: 'claims/:id/retraction',
    subject: 'claim',
    body: ReasonDto,
    status: 200,
    access: 'contributor',
    summary: 'Retract a claim',
    description: 'By the claim’s owner or a moderator, with a reason. The claim stays in the record, labelled retracted, and drops out of the consensus.',
    answer: null,
  },
  RelateClaims: {
    tag: 'claims',
    verb: 'POST',
    path: 'claims/relations',
    subject: null,
    body: RelateClaimsDto,
    status: 201,
    access: 'contributor',
    summary: 'Relate a claim to a claim or to evidence',
    description: 'supports, rebuts, undercuts or competes (rival explanations, claims only), within one question. An unknown `fromClaimId` is a 422 `unknown-claim`.',
    answer: 'Related: the id is the relation’s. The target is a claim (`toClaimId`) or a piece of evidence of the same question (`toEvidenceId`)',
  },
  AttachEvidence: {
    tag: 'claims',
    verb: 'POST',
    path: 'claims/:id/evidence',
    subject: 'claim',
    body: AttachEvidenceDto,
    status: 201,
    access: 'contributor',
    summary: 'Attach evidence to a claim',
    description:
      'A registered source (an unknown `sourceId` is a 422 `unknown-source`) for or against the claim, at a locator, with a quote and how far it was read: cited, examined or transcribed.',
    answer: 'Attached: the id is the evidence’s',
  },
  VerifyEvidence: {
    tag: 'claims',
    verb: 'POST',
    path: 'evidence/:id/verification',
    subject: 'evidence',
    body: VerifyEvidenceDto,
    status: 200,
    access: 'contributor',
    summary: 'Raise the verification of evidence',
    description: 'Record that someone examined or transcribed the source at the locator, with a note. Never lowered (422 `verification-lowered`).',
    answer: 'Raised: the evidence’s owner, or a moderator for anyone’s (recorded as a moderator action). A verification is never lowered',
  },
  WithdrawEvidence: {
    tag: 'claims',
    verb: 'POST',
    path: 'evidence/:id/withdrawal',
    subject: 'evidence',
    body: ReasonDto,
    status: 200,
    access: 'contributor',
    summary: 'Withdraw evidence',
    description: 'By its owner or a moderator, with a reason; it stays in the record and stops counting.',
    answer: null,
  },
  RecordStance: {
    tag: 'claims',
    verb: 'POST',
    path: 'claims/:id/stances',
    subject: 'claim',
    body: RecordStanceDto,
    status: 201,
    access: 'contributor',
    summary: 'Record a stance on a claim',
    description: 'Endorse or dispute, with a confidence: a social signal shown beside the label, never moving its strength.',
    answer: 'Recorded: supersedes the participant’s earlier stance on the claim',
  },
  RegisterSource: {
    tag: 'sources',
    verb: 'POST',
    path: 'sources',
    subject: null,
    body: RegisterSourceDto,
    status: 201,
    access: 'contributor',
    summary: 'Register a source',
    description: 'A document, article, report, forum post or archival reference, with its authors, date and identifiers, so that evidence can cite it. The answer’s id is the source’s.',
    answer: null,
  },
  AppraiseSource: {
    tag: 'sources',
    verb: 'PATCH',
    path: 'sources/:id/appraisal',
    subject: 'source',
    body: AppraiseSourceDto,
    status: 200,
    access: 'moderator',
    summary: 'Appraise a source',
    description: 'A moderator rates its reliability (Admiralty scale A–F) with a note; every appraisal stays in the history, and the consensus reweighs the evidence citing it.',
    answer: null,
  },
};
