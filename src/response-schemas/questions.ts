import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PROOF_STANDARDS, VERIFICATIONS } from '../../contract/question.events';
import { array, dateTime, decimal, described, enumOf, integer, nullable, object, optional, ref, string, uuid } from '../http/openapi/schemas/common';

const PROVENANCE = ref('Provenance');
const CLAIM_KINDS = ['answer', 'hypothesis', 'background'];
const CLAIM_RELATIONS = ['supports', 'rebuts', 'undercuts', 'competes'];
const EVIDENCE_RELATIONS = ['supports', 'rebuts', 'undercuts'];

/** Questions, claims, relations and evidence as the questions projection keeps them (ledger/http/presenters.ts). */
export const QUESTION_SCHEMAS: Record<string, SchemaObject> = {
  QuestionSummary: object(
    {
      id: uuid(),
      title: string(undefined, { example: 'Who paid the Soviet Red Cross allowance to Spanish Communists?' }),
      tags: array(string()),
      parentQuestionId: nullable(uuid(), 'The question this one is a sub-question of'),
      subQuestionIds: array(uuid()),
      status: enumOf(['open', 'resolved'], 'Whether a moderator has resolved it (the computed status is the consensus’s)'),
      proofStandard: enumOf(PROOF_STANDARDS, 'The proof standard its claims are labelled under'),
      claimCount: integer('Every claim, retracted ones included', { minimum: 0 }),
      liveClaimCount: integer('Claims not retracted', { minimum: 0 }),
      provenance: PROVENANCE,
      revision: decimal('The question stream’s revision: its ETag, to send back as If-Match'),
      firstPosition: decimal('The global position at which it was opened: the order of the questions list and its pages'),
    },
    'A question, without its claims',
  ),
  Question: {
    description: 'A question with everything recorded on it',
    allOf: [
      ref('QuestionSummary'),
      object({
        body: string('The question in full'),
        proofStandardChanges: array(object({ proofStandard: enumOf(PROOF_STANDARDS), reason: string(), provenance: PROVENANCE }), 'Every change of proof standard, oldest first'),
        resolution: nullable(
          object({ summary: string(), acceptedClaimIds: array(uuid()), provenance: PROVENANCE }),
          'A moderator’s resolution, while the question is resolved',
        ),
        rewordings: array(
          object({ title: optional(string()), body: optional(string()), reason: string(), provenance: PROVENANCE }),
          'Every rewording, oldest first (each gives the new title, body or both)',
        ),
        claims: array(ref('Claim'), 'Every claim, retracted ones included, in the order proposed'),
        relations: array(ref('ClaimRelation')),
        evidenceRelations: array(ref('EvidenceRelation')),
        evidence: array(ref('Evidence')),
        lastPosition: decimal('The global position of the question’s last event'),
      }),
    ],
  },
  Claim: object(
    {
      id: uuid(),
      questionId: uuid(),
      kind: enumOf(CLAIM_KINDS),
      text: string('The current wording'),
      passage: nullable(string(), 'The verbatim passage the claim paraphrases, as proposed; null when drawn from no text'),
      status: enumOf(['live', 'retracted']),
      owner: described(ref('PrincipalRef'), 'The principal who recorded it, and so may revise or retract it'),
      provenance: PROVENANCE,
      versions: array(
        object({ text: string(), reason: nullable(string(), 'Why it changed; null for the original wording'), provenance: PROVENANCE }),
        'Every wording, oldest first; the last is the current text',
      ),
      retraction: nullable(object({ reason: string(), provenance: PROVENANCE })),
      stances: array(
        object({
          participant: described(ref('ParticipantRef'), 'Who takes the stance'),
          stance: enumOf(['endorse', 'dispute']),
          confidence: { type: 'number', minimum: 0, maximum: 1 },
          provenance: PROVENANCE,
        }),
        'The current stance of each participant (a later one supersedes an earlier one)',
      ),
      relations: array(ref('ClaimRelation'), 'Relations from or to this claim'),
      evidenceRelations: array(ref('EvidenceRelation'), 'Relations from this claim to evidence (source criticism)'),
      evidence: array(ref('Evidence'), 'Evidence attached to this claim'),
      position: decimal('The global position at which it was proposed: the order of the question’s claims and their pages'),
    },
    'A claim with what bears on it',
  ),
  ParticipantRef: object(
    { id: string('The principal’s id, or for a historical author the attributed name'), name: string() },
    'A participant: a principal, or a historical author',
  ),
  ClaimRelation: object(
    { id: uuid(), fromClaimId: uuid(), toClaimId: uuid(), relation: enumOf(CLAIM_RELATIONS, '`competes` is stored once and read both ways'), provenance: PROVENANCE },
    'A relation between two claims',
  ),
  EvidenceRelation: object(
    { id: uuid(), fromClaimId: uuid(), toEvidenceId: uuid(), relation: enumOf(EVIDENCE_RELATIONS), provenance: PROVENANCE },
    'A claim bearing on a piece of evidence (source criticism)',
  ),
  Evidence: object(
    {
      id: uuid(),
      claimId: uuid(),
      sourceId: uuid(),
      stance: enumOf(['supports', 'undermines']),
      locator: nullable(string(), 'Where in the source (page, folio, post)'),
      quote: nullable(string()),
      credibility: nullable(integer('Admiralty credibility of the information, 1 (confirmed) to 6 (cannot be judged)', { minimum: 1, maximum: 6 })),
      verification: enumOf(VERIFICATIONS, 'The current verification: the last of `verifications`'),
      verifications: array(
        object({ verification: enumOf(VERIFICATIONS), note: nullable(string()), provenance: PROVENANCE }),
        'The attachment’s verification, then every raise, oldest first',
      ),
      status: enumOf(['attached', 'withdrawn']),
      owner: described(ref('PrincipalRef'), 'The principal who attached it'),
      provenance: PROVENANCE,
      withdrawal: nullable(object({ reason: string(), provenance: PROVENANCE })),
      relations: array(ref('EvidenceRelation'), 'The claims that bear on it'),
    },
    'A source cited for or against a claim, with its verification history',
  ),
  RecordedEvent: object(
    {
      id: uuid(),
      type: string(undefined, { example: 'ClaimProposed' }),
      stream: string('The stream the event belongs to'),
      revision: decimal('The event’s revision in its stream'),
      position: decimal('The event’s global position in the log'),
      recordedAt: dateTime(),
      data: { type: 'object', additionalProperties: true, description: 'The event’s payload; its fields depend on `type`' },
      metadata: { type: 'object', additionalProperties: true, description: 'Provenance, command and correlation ids, and the hash chain' },
    },
    'An event as stored, with full metadata',
  ),
};
