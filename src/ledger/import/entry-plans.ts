import type { ClassConstructor } from 'class-transformer';
import { ProposeClaim, RecordStance, RelateClaims, RetractClaim, ReviseClaim } from '../application/commands/claim.handlers';
import { AttachEvidence, VerifyEvidence, WithdrawEvidence } from '../application/commands/evidence.handlers';
import { ChangeProofStandard, OpenQuestion, ReopenQuestion, ResolveQuestion, RewordQuestion } from '../application/commands/question.handlers';
import { AppraiseSource, RegisterSource } from '../application/commands/source.handlers';
import type { WriteCommand } from '../application/commands/write-command';
import type { CommandContext } from '../provenance/provenance';
import { AttachEvidenceDto, ProposeClaimDto, RecordStanceDto, RelateClaimsDto, ReviseClaimDto, VerifyEvidenceDto } from '../http/dto/claim.dto';
import { ChangeProofStandardDto, OpenQuestionDto, ReasonDto, ResolveQuestionDto, RewordQuestionDto } from '../http/dto/question.dto';
import type { Verification } from '../../../contract/question.events';
import { AppraiseSourceDto, RegisterSourceDto } from '../http/dto/source.dto';
import type { DebateEntry, EntryCommand } from './debate-file';

/** Resolves the key of an earlier entry to the id of what it created. */
export type IdOf = (key: unknown) => string;

/**
 * How an entry becomes the same command the REST API sends: which body it carries (validated by the
 * API's own DTO class), and which command object goes on the bus.
 */
export interface EntryPlan {
  dto: ClassConstructor<object>;
  /** The entry's own fields, besides key, command, by, at and in. */
  fields: readonly string[];
  body(entry: DebateEntry, idOf: IdOf): Record<string, unknown>;
  command(entry: DebateEntry, idOf: IdOf, body: object, context: CommandContext): WriteCommand<unknown>;
  /** Where an error on a body field is reported in the entry (the body names ids, the entry keys). */
  entryField?: Record<string, string>;
}

/**
 * The verification of imported evidence when the entry gives none: an import usually carries the
 * references a participant gave, which nobody has read yet (the API's default is `examined`).
 */
export const IMPORT_DEFAULT_VERIFICATION: Verification = 'cited';

const pick = (entry: DebateEntry, fields: readonly string[]) =>
  Object.fromEntries(fields.filter((f) => entry[f] !== undefined).map((f) => [f, entry[f]]));

const plain = <F extends readonly string[]>(dto: ClassConstructor<object>, fields: F) => ({
  dto,
  fields,
  body: (entry: DebateEntry) => pick(entry, fields),
});

export const ENTRY_PLANS: Record<EntryCommand, EntryPlan> = {
  RegisterSource: {
    ...plain(RegisterSourceDto, ['kind', 'title', 'authors', 'issued', 'identifiers', 'details', 'reliability']),
    command: (_e, _id, body, context) => new RegisterSource(body as RegisterSourceDto, context),
  },
  AppraiseSource: {
    ...plain(AppraiseSourceDto, ['source', 'reliability', 'note']),
    body: (entry) => pick(entry, ['reliability', 'note']),
    command: (entry, idOf, body, context) => new AppraiseSource(idOf(entry.source), body as AppraiseSourceDto, context),
  },
  OpenQuestion: {
    dto: OpenQuestionDto,
    fields: ['title', 'body', 'tags', 'parent', 'proofStandard'],
    body: (entry, idOf) => ({ ...pick(entry, ['title', 'body', 'tags', 'proofStandard']), ...(entry.parent !== undefined ? { parentQuestionId: idOf(entry.parent) } : {}) }),
    command: (_e, _id, body, context) => new OpenQuestion(body as OpenQuestionDto, context),
    entryField: { parentQuestionId: 'parent' },
  },
  RewordQuestion: {
    ...plain(RewordQuestionDto, ['question', 'title', 'body', 'reason']),
    body: (entry) => pick(entry, ['title', 'body', 'reason']),
    command: (entry, idOf, body, context) => new RewordQuestion(idOf(entry.question), body as RewordQuestionDto, context),
  },
  ChangeProofStandard: {
    ...plain(ChangeProofStandardDto, ['question', 'proofStandard', 'reason']),
    body: (entry) => pick(entry, ['proofStandard', 'reason']),
    command: (entry, idOf, body, context) => new ChangeProofStandard(idOf(entry.question), body as ChangeProofStandardDto, context),
  },
  ProposeClaim: {
    dto: ProposeClaimDto,
    fields: ['question', 'text', 'passage', 'kind', 'respondsTo'],
    body: (entry, idOf) => {
      const respondsTo = entry.respondsTo as { claim?: unknown; relation?: unknown } | undefined;
      return {
        ...pick(entry, ['text', 'passage', 'kind']),
        ...(respondsTo !== undefined
          ? { respondsTo: typeof respondsTo === 'object' && respondsTo ? { claimId: idOf(respondsTo.claim), relation: respondsTo.relation } : respondsTo }
          : {}),
      };
    },
    command: (entry, idOf, body, context) => new ProposeClaim(idOf(entry.question), body as ProposeClaimDto, context),
    entryField: { 'respondsTo.claimId': 'respondsTo.claim' },
  },
  ReviseClaim: {
    ...plain(ReviseClaimDto, ['claim', 'text', 'reason']),
    body: (entry) => pick(entry, ['text', 'reason']),
    command: (entry, idOf, body, context) => new ReviseClaim(idOf(entry.claim), body as ReviseClaimDto, context),
  },
  RetractClaim: {
    ...plain(ReasonDto, ['claim', 'reason']),
    body: (entry) => pick(entry, ['reason']),
    command: (entry, idOf, body, context) => new RetractClaim(idOf(entry.claim), body as ReasonDto, context),
  },
  RelateClaims: {
    dto: RelateClaimsDto,
    fields: ['from', 'to', 'toEvidence', 'relation'],
    body: (entry, idOf) => ({
      fromClaimId: idOf(entry.from),
      ...(entry.to !== undefined ? { toClaimId: idOf(entry.to) } : {}),
      ...(entry.toEvidence !== undefined ? { toEvidenceId: idOf(entry.toEvidence) } : {}),
      ...pick(entry, ['relation']),
    }),
    command: (_e, _id, body, context) => new RelateClaims(body as RelateClaimsDto, context),
    entryField: { fromClaimId: 'from', toClaimId: 'to', toEvidenceId: 'toEvidence' },
  },
  AttachEvidence: {
    dto: AttachEvidenceDto,
    fields: ['claim', 'source', 'stance', 'locator', 'quote', 'credibility', 'verification'],
    body: (entry, idOf) => ({
      sourceId: idOf(entry.source),
      verification: IMPORT_DEFAULT_VERIFICATION,
      ...pick(entry, ['stance', 'locator', 'quote', 'credibility', 'verification']),
    }),
    command: (entry, idOf, body, context) => new AttachEvidence(idOf(entry.claim), body as AttachEvidenceDto, context),
    entryField: { sourceId: 'source' },
  },
  VerifyEvidence: {
    ...plain(VerifyEvidenceDto, ['evidence', 'verification', 'note']),
    body: (entry) => pick(entry, ['verification', 'note']),
    command: (entry, idOf, body, context) => new VerifyEvidence(idOf(entry.evidence), body as VerifyEvidenceDto, context),
  },
  WithdrawEvidence: {
    ...plain(ReasonDto, ['evidence', 'reason']),
    body: (entry) => pick(entry, ['reason']),
    command: (entry, idOf, body, context) => new WithdrawEvidence(idOf(entry.evidence), body as ReasonDto, context),
  },
  RecordStance: {
    ...plain(RecordStanceDto, ['claim', 'stance', 'confidence']),
    body: (entry) => pick(entry, ['stance', 'confidence']),
    command: (entry, idOf, body, context) => new RecordStance(idOf(entry.claim), body as RecordStanceDto, context),
  },
  ResolveQuestion: {
    dto: ResolveQuestionDto,
    fields: ['question', 'summary', 'accepted'],
    body: (entry, idOf) => ({
      ...pick(entry, ['summary']),
      acceptedClaimIds: Array.isArray(entry.accepted) ? entry.accepted.map(idOf) : entry.accepted,
    }),
    command: (entry, idOf, body, context) => new ResolveQuestion(idOf(entry.question), body as ResolveQuestionDto, context),
    entryField: { acceptedClaimIds: 'accepted' },
  },
  ReopenQuestion: {
    ...plain(ReasonDto, ['question', 'reason']),
    body: (entry) => pick(entry, ['reason']),
    command: (entry, idOf, body, context) => new ReopenQuestion(idOf(entry.question), body as ReasonDto, context),
  },
};
