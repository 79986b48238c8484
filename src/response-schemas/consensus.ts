import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PROOF_STANDARDS, VERIFICATIONS } from '../../contract/question.events';
import { array, boolean, dateTime, decimal, enumOf, integer, nullable, number, object, optional, ref, string, uuid } from '../http/openapi/schemas/common';

const LABELS = ['corroborated', 'unverified', 'contested', 'refuted', 'open', 'retracted'];
const QUESTION_STATUSES = ['answered', 'unverified', 'contested', 'open'];
const GROUNDED = ['in', 'out', 'undec'];
const unit = (description?: string) => number(description, { minimum: 0, maximum: 1 });

/** The computed consensus, its explanations and the timeline (read-side/consensus-presenter.ts, projections/consensus). */
export const CONSENSUS_SCHEMAS: Record<string, SchemaObject> = {
  Consensus: object(
    {
      questionId: uuid(),
      status: enumOf(QUESTION_STATUSES, 'The question’s computed status under its proof standard'),
      proofStandard: enumOf(PROOF_STANDARDS),
      thresholds: object(
        {
          accept: unit('σ at or above which a grounded, undefeated claim may be corroborated'),
          reject: unit('σ at or below which a claim defeated by grounded evidence is refuted'),
          rivalMargin: unit('How far above every live rival a claim must stand to be told apart from it'),
        },
        'What the proof standard asks of a claim’s strength',
      ),
      semantics: enumOf(['df-quad', 'quadratic-energy'], 'The gradual semantics the strengths are computed with'),
      asOf: nullable(dateTime(), 'The moment asked for (asOf); null for now or for atPosition'),
      axis: enumOf(['recorded', 'occurred'], 'recorded: what the ledger knew then; occurred: what had been said by then'),
      atPosition: nullable(decimal(), 'The position asked for (atPosition), else null'),
      position: nullable(decimal(), 'The global position the consensus is computed at; null before the question’s first event'),
      converged: boolean('False when some cycle of the graph hit the iteration cap before settling'),
      iterations: integer('Sweeps taken by the slowest cycle; 0 when there is none', { minimum: 0 }),
      residual: number('The largest fixed-point residual left on any cycle', { minimum: 0 }),
      resolution: ref('ResolutionCheck'),
      summary: ref('ConsensusSummary'),
      claims: array(
        ref('ClaimConsensus'),
        'One page of claims (GET …/consensus: `limit`, `after`, filtered by `label` and `claimId`; the Server-Sent Events: every claim), retracted ones included, in the order proposed',
      ),
      evidence: array(ref('EvidenceConsensus'), 'Every attached piece of evidence on a live claim of `claims`'),
    },
    'The consensus of a question: its status and summary, then each claim’s label, strength, grounding and (explained) what would change it',
  ),
  ConsensusSummary: object(
    {
      claims: integer('Every claim of the question, retracted ones included (at the moment asked for)', { minimum: 0 }),
      liveClaims: integer('Claims not retracted', { minimum: 0 }),
      evidence: integer('Attached pieces of evidence on live claims', { minimum: 0 }),
      labels: object(Object.fromEntries(LABELS.map((label) => [label, integer(undefined, { minimum: 0 })])), 'How many claims carry each label'),
      acceptedAnswers: array(
        object({ id: uuid(), text: string(), strength: nullable(unit()), groundedStrength: nullable(unit()) }),
        'The answers the record corroborates (live `answer` claims labelled corroborated): what the question’s status rests on',
      ),
    },
    'The whole question at a glance, whatever page of claims follows',
  ),
  ResolutionCheck: object(
    {
      exists: boolean('Whether a moderator has resolved the question'),
      summary: optional(string()),
      acceptedClaimIds: array(uuid()),
      agrees: nullable(boolean(), 'Null without a resolution; otherwise whether it agrees with the consensus'),
      disagreements: array(
        object({
          kind: enumOf(['not-corroborated', 'corroborated-answer-omitted', 'question-contested']),
          claimId: optional(uuid()),
          label: optional(nullable(enumOf(LABELS))),
        }),
        'Where the resolution and the consensus part ways',
      ),
    },
    'A moderator’s resolution, checked against the computed consensus',
  ),
  ClaimConsensus: object({
    id: uuid(),
    text: string(),
    kind: enumOf(['answer', 'hypothesis', 'background']),
    author: string('Who said it (the attributed author)'),
    label: enumOf(LABELS),
    contestedBecause: nullable(enumOf(['attacked', 'rival', 'outweighed-by-rival', 'short-of-standard', 'ungrounded-attack']), 'Why it is contested; null for any other label'),
    reading: string('One sentence for a historian: what the label means for this claim'),
    strength: nullable(unit(), 'σ under the question’s semantics; null when retracted'),
    groundedStrength: nullable(unit(), 'How far examined evidence alone carries it; null when retracted'),
    base: nullable(unit(), 'Its base score'),
    support: nullable(unit(), 'What its supporters amount to after undercuts'),
    status: nullable(enumOf(GROUNDED), 'in, out or undecided over defeats; null when retracted'),
    grounded: boolean('Whether its support bottoms out in examined evidence from an appraised source'),
    grounds: optional(array(ref('Ground'), 'The examined evidence its grounding rests on (with explain=true)')),
    against: optional(array(ref('Opponent'), 'What stands against it (with explain=true)')),
    leads: optional(array(ref('Lead'), 'Cited references nobody has examined yet: leads to follow, with no weight (with explain=true)')),
    rivals: optional(array(object({ claimId: uuid(), strength: unit(), groundedStrength: unit() }), 'Live rival explanations (competes) (with explain=true)')),
    wouldChange: optional(array(string(), 'What would change the label, in words a person can act on (with explain=true)')),
    counts: object({ supporters: integer(undefined, { minimum: 0 }), attackers: integer(undefined, { minimum: 0 }), undercutters: integer(undefined, { minimum: 0 }) }),
    stances: ref('StanceTally'),
  }),
  Ground: object(
    {
      kind: enumOf(['evidence', 'claim']),
      claimId: optional(uuid('kind claim: the supporting claim')),
      text: optional(string('kind claim: its text')),
      evidenceId: optional(uuid('kind evidence')),
      sourceId: optional(uuid('kind evidence')),
      sourceTitle: optional(nullable(string())),
      locator: optional(nullable(string())),
      verification: optional(enumOf(VERIFICATIONS.filter((v) => v !== 'cited'))),
      verifiedBy: optional(nullable(string(), 'Who raised it to examined or transcribed (or attached it so)')),
      verifiedAt: optional(nullable(string())),
      viaClaimId: optional(uuid('kind evidence: the claim it is attached to')),
    },
    'What a claim’s grounding rests on: a piece of examined evidence, or a grounded supporting claim',
  ),
  Opponent: object(
    {
      kind: enumOf(['claim', 'evidence']),
      id: uuid(),
      name: string('A claim’s text, or a source’s title'),
      strength: unit(),
      defeats: boolean('Whether it defeats the claim'),
      status: enumOf(GROUNDED),
      grounded: boolean(),
    },
    'A rebutting claim or undermining evidence',
  ),
  Lead: object({ evidenceId: uuid(), sourceId: uuid(), sourceTitle: nullable(string()), locator: nullable(string()), stance: enumOf(['supports', 'undermines']) }),
  StanceTally: object(
    {
      endorse: integer(undefined, { minimum: 0 }),
      dispute: integer(undefined, { minimum: 0 }),
      agreement: nullable(number('Confidence-weighted agreement in [−1, 1]; null when nobody took a stance', { minimum: -1, maximum: 1 })),
    },
    'Participants’ current stances: a social signal shown beside the label, never moving its strength',
  ),
  EvidenceConsensus: object({
    id: uuid(),
    claimId: uuid(),
    sourceId: uuid(),
    sourceTitle: nullable(string()),
    stance: enumOf(['supports', 'undermines']),
    locator: nullable(string()),
    verification: enumOf(VERIFICATIONS),
    weight: unit('Its weight from verification and appraisal (0 while cited)'),
    strength: unit('Its strength after the claims that bear on it'),
    status: enumOf(GROUNDED),
    counted: boolean('False when a stronger attachment of the same source to the same claim counts instead'),
    countedAs: nullable(string()),
  }),
  ClaimExplanation: object(
    {
      questionId: uuid(),
      position: nullable(decimal(), 'The global position the explanation is computed at'),
      claimId: uuid(),
      label: enumOf(LABELS),
      reading: string(),
      base: nullable(unit()),
      strength: nullable(unit()),
      contributions: array(
        object({
          kind: enumOf(['claim', 'evidence']),
          id: uuid(),
          name: string(),
          role: enumOf(['attack', 'support', 'undercut']),
          relations: array(enumOf(['supports', 'rebuts', 'undercuts', 'competes'])),
          strength: unit(),
          effect: number('Its Shapley value: the effects add up to strength − base'),
        }),
        'Each direct contributor’s share of the move from base to strength, largest first',
      ),
      method: enumOf(['exact', 'sampled'], 'exact: over every coalition (up to 12 contributors); sampled: over random orders, within `bound`'),
      samples: nullable(integer()),
      bound: nullable(number()),
      grounds: array(ref('Ground')),
      against: array(ref('Opponent')),
      wouldChange: array(string()),
      stances: ref('StanceTally'),
    },
    'Why one claim stands where it does',
  ),
  Timeline: object({ questionId: uuid(), entries: array(ref('TimelineEntry'), 'Every event of the question, in order') }),
  TimelineEntry: object({
    position: decimal(),
    eventId: uuid(),
    type: string(undefined, { example: 'ClaimProposed' }),
    stream: string(),
    revision: decimal(),
    provenance: ref('Provenance'),
    subjectId: string('The claim, evidence, relation or source the event is about'),
    changes: array(ref('ConsensusChange'), 'What the event changed in the computed consensus'),
  }),
  ConsensusChange: object(
    {
      kind: enumOf(['status', 'resolution-agreement', 'claim-added', 'label', 'strength']),
      claimId: optional(uuid()),
      from: optional({ description: 'The status, agreement (a boolean or null), label or strength before; a status is null for the question’s first consensus' }),
      to: optional({ description: 'The status, agreement (a boolean or null), label or strength after' }),
      label: optional(enumOf(LABELS)),
      delta: optional(number()),
    },
    'One change of the consensus: of the question’s status, a resolution’s agreement, a claim added, a label or a strength',
  ),
};
