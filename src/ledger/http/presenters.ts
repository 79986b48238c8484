import type { ClaimView, EvidenceRelationView, EvidenceView, QuestionView, RelationView } from '../../../projections/questions/questions.projection';
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
    proofStandard: question.proofStandard,
    claimCount: claims.length,
    liveClaimCount: claims.filter((c) => c.status === 'live').length,
    provenance: question.provenance,
    revision: question.revision.toString(),
    firstPosition: question.firstPosition.toString(),
  };
}

export function presentQuestion(question: QuestionView) {
  const bearing = relationsByEvidence(question);
  return {
    ...presentQuestionSummary(question),
    body: question.body,
    proofStandardChanges: question.proofStandardChanges,
    resolution: question.resolution,
    rewordings: question.rewordings,
    claims: [...question.claims.values()].map((claim) => presentClaim(claim, question, bearing)),
    relations: question.relations,
    evidenceRelations: question.evidenceRelations,
    evidence: [...question.evidence.values()].map((evidence) => presentEvidence(evidence, bearing)),
    lastPosition: question.lastPosition.toString(),
  };
}

/**
 * A claim with what bears on it: its relations with other claims (a `competes` relation either way),
 * its relations to evidence (source criticism it makes), and its evidence with what bears on each.
 */
export function presentClaim(claim: ClaimView, question: QuestionView, bearing = relationsByEvidence(question)) {
  const touches = (r: RelationView) => r.fromClaimId === claim.id || r.toClaimId === claim.id;
  return {
    ...claim,
    position: claim.position.toString(),
    relations: question.relations.filter(touches),
    evidenceRelations: question.evidenceRelations.filter((r) => r.fromClaimId === claim.id),
    evidence: [...question.evidence.values()].filter((e) => e.claimId === claim.id).map((evidence) => presentEvidence(evidence, bearing)),
  };
}

/**
 * Some claims of a question, each as presentClaim gives it: what bears on them found in one pass over
 * the question's relations and evidence, not one pass per claim (a page of a big question).
 */
export function presentClaims(claims: readonly ClaimView[], question: QuestionView) {
  const bearing = relationsByEvidence(question);
  const relations = new Map<string, RelationView[]>();
  const evidenceRelations = new Map<string, EvidenceRelationView[]>();
  const evidence = new Map<string, EvidenceView[]>();
  for (const claim of claims) {
    relations.set(claim.id, []);
    evidenceRelations.set(claim.id, []);
    evidence.set(claim.id, []);
  }
  for (const relation of question.relations) {
    relations.get(relation.fromClaimId)?.push(relation);
    if (relation.toClaimId !== relation.fromClaimId) relations.get(relation.toClaimId)?.push(relation);
  }
  for (const relation of question.evidenceRelations) evidenceRelations.get(relation.fromClaimId)?.push(relation);
  for (const item of question.evidence.values()) evidence.get(item.claimId)?.push(item);
  return claims.map((claim) => ({
    ...claim,
    position: claim.position.toString(),
    relations: relations.get(claim.id)!,
    evidenceRelations: evidenceRelations.get(claim.id)!,
    evidence: evidence.get(claim.id)!.map((item) => presentEvidence(item, bearing)),
  }));
}

/** A piece of evidence with its verification history and the claims that bear on it (`relations`). */
export function presentEvidence(evidence: EvidenceView, bearing: ReadonlyMap<string, EvidenceRelationView[]>) {
  return { ...evidence, relations: bearing.get(evidence.id) ?? [] };
}

/** The relations to each piece of evidence of the question, found once per answer. */
function relationsByEvidence(question: QuestionView): Map<string, EvidenceRelationView[]> {
  const byEvidence = new Map<string, EvidenceRelationView[]>();
  for (const relation of question.evidenceRelations) {
    const list = byEvidence.get(relation.toEvidenceId);
    if (list) list.push(relation);
    else byEvidence.set(relation.toEvidenceId, [relation]);
  }
  return byEvidence;
}

export function presentSource(source: SourceView) {
  return {
    ...source,
    position: source.position.toString(),
    appraisals: source.appraisals.map((a) => ({ ...a, position: a.position.toString() })),
    revision: source.revision.toString(),
  };
}
