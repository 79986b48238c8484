import type { ClaimView, QuestionView, RelationView } from '../../../projections/questions/questions.projection';
import type { SourceView } from '../../../projections/sources/sources.projection';

/** Read views as JSON: maps become arrays, revisions and positions decimal strings. */
export function presentQuestionSummary(question: QuestionView) {
  const claims = [...question.claims.values()];
  return {
    id: question.id,
    title: question.title,
    tags: question.tags,
    parentQuestionId: question.parentQuestionId,
    subQuestionIds: question.subQuestionIds,
    status: question.status,
    claimCount: claims.length,
    liveClaimCount: claims.filter((c) => c.status === 'live').length,
    provenance: question.provenance,
    revision: question.revision.toString(),
  };
}

export function presentQuestion(question: QuestionView) {
  return {
    ...presentQuestionSummary(question),
    body: question.body,
    resolution: question.resolution,
    rewordings: question.rewordings,
    claims: [...question.claims.values()].map((claim) => presentClaim(claim, question)),
    relations: question.relations,
    evidence: [...question.evidence.values()],
    lastPosition: question.lastPosition.toString(),
  };
}

export function presentClaim(claim: ClaimView, question: QuestionView) {
  const touches = (r: RelationView) => r.fromClaimId === claim.id || r.toClaimId === claim.id;
  return {
    ...claim,
    relations: question.relations.filter(touches),
    evidence: [...question.evidence.values()].filter((e) => e.claimId === claim.id),
  };
}

export function presentSource(source: SourceView) {
  return {
    ...source,
    position: source.position.toString(),
    appraisals: source.appraisals.map((a) => ({ ...a, position: a.position.toString() })),
    revision: source.revision.toString(),
  };
}
