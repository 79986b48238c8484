import type { ExportInput } from './export-input';
import { claimsOf, consensusOf, evidenceOf, labelOf, referencedSourceIds, stancesOf } from './ledger-items';
import { ProvBuilder, dateLiteral, qn, qname, type ProvDocument } from './prov-document';
import { resolutionAgreement } from './resolution-agreement';

/**
 * W3C PROV-JSON (https://www.w3.org/submissions/prov-json/) of one question: who contributed what,
 * when, and from which source. The mapping (see also shared DOMAIN.md):
 *
 * - ids are QNames valid in PROV-JSON, PROV-XML and PROV-N (see `qn`): `ledger:claim.ID`, and
 *   `ledger:` is the namespace `urn:claims-ledger:`; attributes naming an element are typed
 *   `prov:QUALIFIED_NAME`, so PROV tools read `prov:type` values as types, not as strings;
 * - entities: the question, each claim (its identity, `ledger:claim.ID`) and each of its wordings
 *   (`ledger:claim.ID.vN`, a `specializationOf` the claim, each a revision of the one before), each
 *   relation, each piece of evidence, each source, and the moderator's resolution;
 * - activities: each recorded contribution (opening, proposing, revising, retracting, relating,
 *   attaching, verifying, withdrawing, recording a stance, changing the proof standard, resolving,
 *   registering a source), starting when it
 *   was originally said (`occurredAt`); when the ledger recorded it is `ledger:recordedAt`;
 * - agents: the people it is attributed to (`ledger:person.NAME`, prov:Person) and the principals
 *   who recorded it (`ledger:principal.ID`); each activity is associated with both, by role;
 * - something said at a partial date ("1947-02") is never given a precise-looking time: its
 *   activity spans the period (startTime, endTime) and carries `ledger:occurred`, the date as given
 *   (see `occurredAttributes`);
 * - a revision is `wasDerivedFrom` typed prov:Revision; a retraction or withdrawal is
 *   `wasInvalidatedBy`; a source where something was said, or that evidence cites, is its primary
 *   source (`wasDerivedFrom` typed prov:PrimarySource), and the attaching activity `used` it.
 *
 * Relation records are keyed by blank-node ids (`_:gen1`…), numbered in a fixed order, so the same
 * input gives the same document.
 */
export function toProv(input: ExportInput): ProvDocument {
  const b = new ProvBuilder();
  const q = input.question;

  for (const sourceId of referencedSourceIds(input)) b.source(sourceId, input.sources.get(sourceId));

  const question = qn('question', q.id);
  b.entity(question, {
    'prov:type': qname('ledger:Question'),
    'prov:label': q.title,
    'ledger:body': q.body,
    'ledger:status': q.status,
    'ledger:proofStandard': q.proofStandard,
    'ledger:consensusStatus': input.consensus.status,
    // An "as of" a partial date ("2021-02-11") is typed as a date, never as a precise-looking instant.
    ...(input.consensus.asOf ? { 'ledger:consensusAsOf': dateLiteral(input.consensus.asOf) } : {}),
  });
  b.generated(question, b.contribution(qn('activity', 'open-question', q.id), 'OpeningQuestion', q.provenance), q.provenance);
  q.rewordings.forEach((w, i) => {
    const act = b.contribution(qn('activity', 'reword-question', q.id, String(i + 1)), 'RewordingQuestion', w.provenance, { 'ledger:reason': w.reason });
    b.used(act, question, w.provenance);
  });
  q.proofStandardChanges.forEach((c, i) => {
    const act = b.contribution(qn('activity', 'change-proof-standard', q.id, String(i + 1)), 'ChangingProofStandard', c.provenance, {
      'ledger:proofStandard': c.proofStandard,
      'ledger:reason': c.reason,
    });
    b.used(act, question, c.provenance);
  });

  for (const claim of claimsOf(input)) {
    const consensus = consensusOf(input, claim.id);
    const id = qn('claim', claim.id);
    const label = labelOf(input, claim);
    const stances = stancesOf(input, claim);
    b.entity(id, {
      'prov:type': qname('ledger:Claim'),
      'prov:label': claim.text,
      'ledger:kind': claim.kind,
      'ledger:status': claim.status,
      'ledger:question': qname(question),
      ...(label ? { 'ledger:label': label } : {}),
      // Stances beside the label: a social signal that never moves the strength.
      ...(label ? { 'ledger:endorsements': stances.endorse, 'ledger:disputes': stances.dispute } : {}),
      ...(consensus?.strength != null ? { 'ledger:strength': consensus.strength } : {}),
      ...(consensus && label !== 'retracted' ? { 'ledger:grounded': consensus.grounded } : {}),
      ...(consensus?.status ? { 'ledger:dialecticalStatus': consensus.status } : {}),
      ...(consensus?.reading && !(label === 'retracted' && consensus.label !== 'retracted') ? { 'ledger:reading': consensus.reading } : {}),
    });
    let previous: string | null = null;
    claim.versions.forEach((version, i) => {
      const wording = qn('claim', claim.id, `v${i + 1}`);
      b.entity(wording, {
        'prov:type': qname('ledger:ClaimWording'),
        'prov:value': version.text,
        ...(version.reason !== null ? { 'ledger:reason': version.reason } : {}),
      });
      b.relation('specializationOf', { 'prov:specificEntity': wording, 'prov:generalEntity': id });
      if (previous === null) {
        const act = b.contribution(qn('activity', 'propose', claim.id), 'ProposingClaim', version.provenance);
        b.used(act, question, version.provenance);
        b.generated(id, act, version.provenance);
        b.generated(wording, act, version.provenance);
      } else {
        const act = b.contribution(qn('activity', 'revise', claim.id, `v${i + 1}`), 'RevisingClaim', version.provenance);
        b.used(act, previous, version.provenance);
        b.generated(wording, act, version.provenance);
        b.relation('wasDerivedFrom', {
          'prov:generatedEntity': wording,
          'prov:usedEntity': previous,
          'prov:activity': act,
          'prov:type': qname('prov:Revision'),
        });
      }
      previous = wording;
    });
    if (claim.retraction) {
      const p = claim.retraction.provenance;
      const act = b.contribution(qn('activity', 'retract', claim.id), 'RetractingClaim', p, { 'ledger:reason': claim.retraction.reason });
      b.invalidated(id, act, p);
      if (previous) b.invalidated(previous, act, p);
    }
    for (const stance of claim.stances) {
      const act = b.contribution(qn('activity', 'stance', claim.id, stance.participant.id), 'RecordingStance', stance.provenance, {
        'ledger:stance': stance.stance,
        'ledger:confidence': stance.confidence,
      });
      b.used(act, id, stance.provenance);
    }
  }

  for (const r of q.relations) {
    const id = qn('relation', r.id);
    b.entity(id, {
      'prov:type': qname('ledger:Relation'),
      'ledger:relation': r.relation,
      'ledger:from': qname(qn('claim', r.fromClaimId)),
      'ledger:to': qname(qn('claim', r.toClaimId)),
    });
    const act = b.contribution(qn('activity', 'relate', r.id), 'RelatingClaims', r.provenance);
    b.used(act, b.claimRef(r.fromClaimId), r.provenance);
    b.used(act, b.claimRef(r.toClaimId), r.provenance);
    b.generated(id, act, r.provenance);
  }

  for (const r of q.evidenceRelations) {
    const id = qn('relation', r.id);
    b.entity(id, {
      'prov:type': qname('ledger:Relation'),
      'ledger:relation': r.relation,
      'ledger:from': qname(qn('claim', r.fromClaimId)),
      'ledger:to': qname(qn('evidence', r.toEvidenceId)),
    });
    const act = b.contribution(qn('activity', 'relate', r.id), 'RelatingClaimToEvidence', r.provenance);
    b.used(act, b.claimRef(r.fromClaimId), r.provenance);
    b.used(act, b.evidenceRef(r.toEvidenceId), r.provenance);
    b.generated(id, act, r.provenance);
  }

  for (const e of evidenceOf(input)) {
    const id = qn('evidence', e.id);
    const source = qn('source', e.sourceId);
    b.entity(id, {
      'prov:type': qname('ledger:Evidence'),
      'ledger:stance': e.stance,
      'ledger:claim': qname(qn('claim', e.claimId)),
      'ledger:status': e.status,
      ...(e.quote !== null ? { 'prov:value': e.quote } : {}),
      ...(e.locator !== null ? { 'ledger:locator': e.locator } : {}),
      ...(e.credibility !== null ? { 'ledger:credibility': e.credibility } : {}),
      'ledger:verification': e.verification,
    });
    const act = b.contribution(qn('activity', 'attach', e.id), 'AttachingEvidence', e.provenance);
    b.used(act, source, e.provenance);
    b.used(act, b.claimRef(e.claimId), e.provenance);
    b.generated(id, act, e.provenance);
    b.relation('wasDerivedFrom', { 'prov:generatedEntity': id, 'prov:usedEntity': source, 'prov:activity': act, 'prov:type': qname('prov:PrimarySource') });
    // Each later raise of its verification (examined, transcribed): who read the source, and when.
    e.verifications.slice(1).forEach((step, i) => {
      const verify = b.contribution(qn('activity', 'verify', e.id, String(i + 1)), 'VerifyingEvidence', step.provenance, {
        'ledger:verification': step.verification,
        ...(step.note !== null ? { 'ledger:note': step.note } : {}),
      });
      b.used(verify, id, step.provenance);
      b.used(verify, source, step.provenance);
    });
    if (e.withdrawal) {
      const p = e.withdrawal.provenance;
      b.invalidated(id, b.contribution(qn('activity', 'withdraw', e.id), 'WithdrawingEvidence', p, { 'ledger:reason': e.withdrawal.reason }), p);
    }
  }

  if (q.resolution) {
    const p = q.resolution.provenance;
    const id = qn('resolution', q.id);
    const agreement = resolutionAgreement(input);
    b.entity(id, {
      'prov:type': qname('ledger:Resolution'),
      'prov:value': q.resolution.summary,
      ...(agreement.agrees !== null ? { 'ledger:agreesWithConsensus': agreement.agrees } : {}),
    });
    const act = b.contribution(qn('activity', 'resolve', q.id), 'ResolvingQuestion', p);
    b.used(act, question, p);
    for (const claimId of q.resolution.acceptedClaimIds) b.used(act, b.claimRef(claimId), p);
    b.generated(id, act, p);
  }

  return b.document();
}

export type { ProvDocument, ProvRecord } from './prov-document';
