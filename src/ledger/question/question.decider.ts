import { assertNever } from '../../../contract/assert-never';
import type { Decider } from '../decider';
import { NotFoundError, rule } from '../domain-error';
import type { Actor, QuestionCommand } from './question.commands';
import { VERIFICATIONS, type QuestionEvent } from '../../../contract/question.events';
import { evidenceRelationKey, initialQuestionState, relationKey, type QuestionState } from './question.state';

type Of<T extends QuestionCommand['type']> = Extract<QuestionCommand, { type: T }>;

export function decideQuestion(command: QuestionCommand, state: QuestionState): QuestionEvent[] {
  if (command.type === 'OpenQuestion') {
    rule(!state.exists, 'question-exists', `Question ${command.questionId} is already open`, 'questionId');
    const { questionId, title, body, tags, parentQuestionId, proofStandard } = command;
    rule(parentQuestionId !== questionId, 'own-parent', 'A question cannot be its own parent', 'parentQuestionId');
    return [{ type: 'QuestionOpened', data: { questionId, title, body, tags, parentQuestionId, proofStandard } }];
  }
  if (!state.exists) throw new NotFoundError('question', command.questionId);

  switch (command.type) {
    case 'RewordQuestion':
      return rewordQuestion(command, state);
    case 'ChangeProofStandard': {
      const { questionId, proofStandard, reason } = command;
      rule(proofStandard !== state.proofStandard, 'unchanged', `The question is already held to the ${proofStandard} standard`, 'proofStandard');
      return [{ type: 'ProofStandardChanged', data: { questionId, proofStandard, reason } }];
    }
    case 'ProposeClaim':
      return proposeClaim(command, state);
    case 'ReviseClaim': {
      const claim = liveClaim(state, command.claimId, 'claimId');
      mayChange(command.actor, claim.ownerId, 'claim', 'revise');
      rule(claim.text !== command.text, 'unchanged', 'The revised text is the same as the current text', 'text');
      const { questionId, claimId, text, reason } = command;
      return [{ type: 'ClaimRevised', data: { questionId, claimId, text, reason, ...asModerator(command.actor, claim.ownerId) } }];
    }
    case 'RetractClaim': {
      const claim = existingClaim(state, command.claimId);
      rule(!claim.retracted, 'already-retracted', `Claim ${command.claimId} is already retracted`, 'claimId');
      mayChange(command.actor, claim.ownerId, 'claim', 'retract');
      const { questionId, claimId, reason } = command;
      return [{ type: 'ClaimRetracted', data: { questionId, claimId, reason, ...asModerator(command.actor, claim.ownerId) } }];
    }
    case 'RelateClaims':
      return relateClaims(command, state);
    case 'RelateClaimToEvidence':
      return relateClaimToEvidence(command, state);
    case 'AttachEvidence': {
      liveClaim(state, command.claimId, 'claimId');
      rule(!state.evidence.has(command.evidenceId), 'evidence-exists', `Evidence ${command.evidenceId} already exists`, 'evidenceId');
      const { type: _type, ...data } = command;
      return [{ type: 'EvidenceAttached', data }];
    }
    case 'VerifyEvidence':
      return verifyEvidence(command, state);
    case 'WithdrawEvidence': {
      const evidence = state.evidence.get(command.evidenceId);
      if (!evidence) throw new NotFoundError('evidence', command.evidenceId);
      rule(!evidence.withdrawn, 'already-withdrawn', `Evidence ${command.evidenceId} is already withdrawn`, 'evidenceId');
      mayChange(command.actor, evidence.ownerId, 'evidence', 'withdraw');
      const { questionId, evidenceId, reason } = command;
      return [{ type: 'EvidenceWithdrawn', data: { questionId, evidenceId, claimId: evidence.claimId, reason, ...asModerator(command.actor, evidence.ownerId) } }];
    }
    case 'RecordStance': {
      liveClaim(state, command.claimId, 'claimId');
      const { questionId, claimId, participant, stance, confidence } = command;
      return [{ type: 'StanceRecorded', data: { questionId, claimId, participant, stance, confidence } }];
    }
    case 'ResolveQuestion':
      return resolveQuestion(command, state);
    case 'ReopenQuestion':
      rule(state.resolved, 'not-resolved', 'Only a resolved question can be reopened', 'questionId');
      return [{ type: 'QuestionReopened', data: { questionId: command.questionId, reason: command.reason } }];
  }
}

function rewordQuestion(command: Of<'RewordQuestion'>, state: QuestionState): QuestionEvent[] {
  const { questionId, title, body, reason } = command;
  rule(title !== undefined || body !== undefined, 'nothing-to-change', 'Give a new title or a new body', 'title');
  const changesTitle = title !== undefined && title !== state.title;
  const changesBody = body !== undefined && body !== state.body;
  rule(changesTitle || changesBody, 'unchanged', 'The new wording is the same as the current one', title !== undefined ? 'title' : 'body');
  return [
    {
      type: 'QuestionReworded',
      data: { questionId, ...(changesTitle ? { title } : {}), ...(changesBody ? { body } : {}), reason },
    },
  ];
}

function proposeClaim(command: Of<'ProposeClaim'>, state: QuestionState): QuestionEvent[] {
  const { questionId, claimId, text, passage, kind, owner, respondsTo } = command;
  rule(!state.claims.has(claimId), 'claim-exists', `Claim ${claimId} already exists`, 'claimId');
  const events: QuestionEvent[] = [{ type: 'ClaimProposed', data: { questionId, claimId, text, passage: passage ?? null, kind, owner } }];
  if (respondsTo) {
    liveClaim(state, respondsTo.claimId, 'respondsTo.claimId');
    events.push({
      type: 'ClaimsRelated',
      data: { questionId, relationId: respondsTo.relationId, fromClaimId: claimId, toClaimId: respondsTo.claimId, relation: respondsTo.relation },
    });
  }
  return events;
}

function relateClaims(command: Of<'RelateClaims'>, state: QuestionState): QuestionEvent[] {
  const { questionId, relationId, fromClaimId, toClaimId, relation } = command;
  liveClaim(state, fromClaimId, 'fromClaimId');
  liveClaim(state, toClaimId, 'toClaimId');
  rule(fromClaimId !== toClaimId, 'self-relation', 'A claim cannot be related to itself', 'toClaimId');
  // A competes relation is symmetric: evolve records it under both orders, so either order finds it.
  rule(
    !state.relations.has(relationKey(fromClaimId, relation, toClaimId)),
    'relation-exists',
    relation === 'competes'
      ? `Claims ${fromClaimId} and ${toClaimId} already compete (a competes relation holds both ways)`
      : `Claim ${fromClaimId} already ${relation} claim ${toClaimId}`,
    'relation',
  );
  return [{ type: 'ClaimsRelated', data: { questionId, relationId, fromClaimId, toClaimId, relation } }];
}

function relateClaimToEvidence(command: Of<'RelateClaimToEvidence'>, state: QuestionState): QuestionEvent[] {
  const { questionId, relationId, fromClaimId, toEvidenceId, relation } = command;
  // The type excludes it; callers outside TypeScript's reach are told the same.
  rule(
    (relation as string) !== 'competes',
    'relation-not-for-evidence',
    'competes relates two rival claims; a claim supports, rebuts or undercuts a piece of evidence',
    'relation',
  );
  liveClaim(state, fromClaimId, 'fromClaimId');
  const evidence = state.evidence.get(toEvidenceId);
  rule(evidence !== undefined, 'evidence-not-in-question', `Evidence ${toEvidenceId} is not evidence of this question`, 'toEvidenceId');
  rule(!evidence.withdrawn, 'evidence-withdrawn', `Evidence ${toEvidenceId} is withdrawn`, 'toEvidenceId');
  rule(
    !state.relations.has(evidenceRelationKey(fromClaimId, relation, toEvidenceId)),
    'relation-exists',
    `Claim ${fromClaimId} already ${relation} evidence ${toEvidenceId}`,
    'relation',
  );
  return [{ type: 'ClaimRelatedToEvidence', data: { questionId, relationId, fromClaimId, toEvidenceId, relation } }];
}

function verifyEvidence(command: Of<'VerifyEvidence'>, state: QuestionState): QuestionEvent[] {
  const { questionId, evidenceId, verification, note, actor } = command;
  const evidence = state.evidence.get(evidenceId);
  if (!evidence) throw new NotFoundError('evidence', evidenceId);
  rule(!evidence.withdrawn, 'evidence-withdrawn', `Evidence ${evidenceId} is withdrawn`, 'evidenceId');
  mayChange(actor, evidence.ownerId, 'evidence', 'verify');
  const current = VERIFICATIONS.indexOf(evidence.verification);
  const wanted = VERIFICATIONS.indexOf(verification);
  rule(wanted !== current, 'unchanged', `Evidence ${evidenceId} is already ${verification}`, 'verification');
  rule(
    wanted > current,
    'verification-lowered',
    `Evidence ${evidenceId} is already ${evidence.verification}; a verification can only be raised (${VERIFICATIONS.join(' < ')}). ` +
      'To correct a wrong verification, withdraw the evidence and attach it again with the right one',
    'verification',
  );
  return [
    { type: 'EvidenceVerified', data: { questionId, evidenceId, claimId: evidence.claimId, verification, note, ...asModerator(actor, evidence.ownerId) } },
  ];
}

function resolveQuestion(command: Of<'ResolveQuestion'>, state: QuestionState): QuestionEvent[] {
  const { questionId, summary, acceptedClaimIds } = command;
  rule(!state.resolved, 'already-resolved', 'The question is already resolved; reopen it first', 'questionId');
  acceptedClaimIds.forEach((claimId, index) => liveClaim(state, claimId, `acceptedClaimIds[${index}]`));
  rule(new Set(acceptedClaimIds).size === acceptedClaimIds.length, 'duplicate', 'A claim is named twice', 'acceptedClaimIds');
  return [{ type: 'QuestionResolved', data: { questionId, summary, acceptedClaimIds } }];
}

/** A claim of this question; a claim of another question counts as unknown here. */
function existingClaim(state: QuestionState, claimId: string) {
  const claim = state.claims.get(claimId);
  if (!claim) throw new NotFoundError('claim', claimId);
  return claim;
}

/** A live claim of this question, named in the field `field` of the request. */
function liveClaim(state: QuestionState, claimId: string, field: string) {
  const claim = state.claims.get(claimId);
  rule(claim !== undefined, 'claim-not-in-question', `Claim ${claimId} is not a claim of this question`, field);
  rule(!claim.retracted, 'claim-retracted', `Claim ${claimId} is retracted`, field);
  return claim;
}

/** A change a moderator makes to someone else's contribution is recorded as a moderator action. */
function asModerator(actor: Actor, ownerId: string): { moderatorAction?: true } {
  return actor.principalId !== ownerId ? { moderatorAction: true } : {};
}

function mayChange(actor: Actor, ownerId: string, what: 'claim' | 'evidence', verb: string): void {
  rule(
    actor.moderator || actor.principalId === ownerId,
    'not-owner',
    `Only the ${what}'s owner or a moderator may ${verb} it`,
    what === 'claim' ? 'claimId' : 'evidenceId',
  );
}

export function evolveQuestion(state: QuestionState, event: QuestionEvent): QuestionState {
  switch (event.type) {
    case 'QuestionOpened':
      return { ...state, exists: true, title: event.data.title, body: event.data.body, proofStandard: event.data.proofStandard };
    case 'ProofStandardChanged':
      return { ...state, proofStandard: event.data.proofStandard };
    case 'QuestionReworded':
      return { ...state, title: event.data.title ?? state.title, body: event.data.body ?? state.body };
    case 'ClaimProposed':
      return {
        ...state,
        claims: state.claims.set(event.data.claimId, { text: event.data.text, ownerId: event.data.owner.id, retracted: false }),
      };
    case 'ClaimRevised':
      return { ...state, claims: state.claims.update(event.data.claimId, (c) => ({ ...c!, text: event.data.text })) };
    case 'ClaimRetracted':
      return { ...state, claims: state.claims.update(event.data.claimId, (c) => ({ ...c!, retracted: true })) };
    case 'ClaimsRelated': {
      const { fromClaimId, relation, toClaimId } = event.data;
      const relations = state.relations.add(relationKey(fromClaimId, relation, toClaimId));
      return { ...state, relations: relation === 'competes' ? relations.add(relationKey(toClaimId, relation, fromClaimId)) : relations };
    }
    case 'ClaimRelatedToEvidence': {
      const { fromClaimId, relation, toEvidenceId } = event.data;
      return { ...state, relations: state.relations.add(evidenceRelationKey(fromClaimId, relation, toEvidenceId)) };
    }
    case 'EvidenceAttached':
      return {
        ...state,
        evidence: state.evidence.set(event.data.evidenceId, {
          claimId: event.data.claimId,
          ownerId: event.data.owner.id,
          withdrawn: false,
          verification: event.data.verification,
        }),
      };
    case 'EvidenceVerified':
      return { ...state, evidence: state.evidence.update(event.data.evidenceId, (e) => ({ ...e!, verification: event.data.verification })) };
    case 'EvidenceWithdrawn':
      return { ...state, evidence: state.evidence.update(event.data.evidenceId, (e) => ({ ...e!, withdrawn: true })) };
    case 'StanceRecorded':
      return state;
    case 'QuestionResolved':
      return { ...state, resolved: true };
    case 'QuestionReopened':
      return { ...state, resolved: false };
    default:
      return assertNever(event);
  }
}

export const questionDecider: Decider<QuestionCommand, QuestionEvent, QuestionState> = {
  initialState: initialQuestionState,
  decide: decideQuestion,
  evolve: evolveQuestion,
};
