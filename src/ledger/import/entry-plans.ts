import type { ClassConstructor } from 'class-transformer';
import { Write, type WriteInputs } from '../application/write-table/write';
import type { CommandContext } from '../provenance/provenance';
import { AttachEvidenceDto, ProposeClaimDto, RecordStanceDto, RelateClaimsDto, ReviseClaimDto, VerifyEvidenceDto } from '../http/dto/claim.dto';
import { ChangeProofStandardDto, OpenQuestionDto, ReasonDto, ResolveQuestionDto, RewordQuestionDto } from '../http/dto/question.dto';
import type { Verification } from '../../../contract/question.events';
import { AppraiseSourceDto, RegisterSourceDto } from '../http/dto/source.dto';
import { TARGET, type DebateEntry, type EntryCommand } from './debate-file';

/** Resolves the key of an earlier entry to the id of what it created. */
export type IdOf = (key: unknown) => string;

/**
 * How an entry becomes the same write the REST API sends: which body it carries (validated by the
 * API's own DTO class, so it is that write's input), and the write that goes on the bus.
 */
export interface EntryPlan extends EntryBody {
  command(entry: DebateEntry, idOf: IdOf, body: object, context: CommandContext): Write;
}

interface EntryBody {
  dto: ClassConstructor<object>;
  /** The entry's own fields, besides key, command, by, at and in. */
  fields: readonly string[];
  body(entry: DebateEntry, idOf: IdOf): Record<string, unknown>;
  /** Where an error on a body field is reported in the entry (the body names ids, the entry keys). */
  entryField?: Record<string, string>;
}

/**
 * The write of every entry: the write named by its command, about the entity its target field
 * (debate-file.ts `TARGET`) names, if it has one. An entry carries no If-Match.
 */
function writeOfEntry(entry: DebateEntry, idOf: IdOf, body: object, context: CommandContext): Write {
  const target = TARGET[entry.command];
  return new Write(entry.command, body as WriteInputs[EntryCommand], context, undefined, target ? idOf(entry[target.field]) : undefined);
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

const ENTRY_BODIES: Record<EntryCommand, EntryBody> = {
  RegisterSource: {
    ...plain(RegisterSourceDto, ['kind', 'title', 'authors', 'issued', 'identifiers', 'details', 'reliability']),
  },
  AppraiseSource: {
    ...plain(AppraiseSourceDto, ['source', 'reliability', 'note']),
    body: (entry) => pick(entry, ['reliability', 'note']),
  },
  OpenQuestion: {
    dto: OpenQuestionDto,
    fields: ['title', 'body', 'tags', 'parent', 'proofStandard'],
    body: (entry, idOf) => ({ ...pick(entry, ['title', 'body', 'tags', 'proofStandard']), ...(entry.parent !== undefined ? { parentQuestionId: idOf(entry.parent) } : {}) }),
    entryField: { parentQuestionId: 'parent' },
  },
  RewordQuestion: {
    ...plain(RewordQuestionDto, ['question', 'title', 'body', 'reason']),
    body: (entry) => pick(entry, ['title', 'body', 'reason']),
  },
  ChangeProofStandard: {
    ...plain(ChangeProofStandardDto, ['question', 'proofStandard', 'reason']),
    body: (entry) => pick(entry, ['proofStandard', 'reason']),
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
    entryField: { 'respondsTo.claimId': 'respondsTo.claim' },
  },
  ReviseClaim: {
    ...plain(ReviseClaimDto, ['claim', 'text', 'reason']),
    body: (entry) => pick(entry, ['text', 'reason']),
  },
  RetractClaim: {
    ...plain(ReasonDto, ['claim', 'reason']),
    body: (entry) => pick(entry, ['reason']),
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
    entryField: { sourceId: 'source' },
  },
  VerifyEvidence: {
    ...plain(VerifyEvidenceDto, ['evidence', 'verification', 'note']),
    body: (entry) => pick(entry, ['verification', 'note']),
  },
  WithdrawEvidence: {
    ...plain(ReasonDto, ['evidence', 'reason']),
    body: (entry) => pick(entry, ['reason']),
  },
  RecordStance: {
    ...plain(RecordStanceDto, ['claim', 'stance', 'confidence']),
    body: (entry) => pick(entry, ['stance', 'confidence']),
  },
  ResolveQuestion: {
    dto: ResolveQuestionDto,
    fields: ['question', 'summary', 'accepted'],
    body: (entry, idOf) => ({
      ...pick(entry, ['summary']),
      acceptedClaimIds: Array.isArray(entry.accepted) ? entry.accepted.map(idOf) : entry.accepted,
    }),
    entryField: { acceptedClaimIds: 'accepted' },
  },
  ReopenQuestion: {
    ...plain(ReasonDto, ['question', 'reason']),
    body: (entry) => pick(entry, ['reason']),
  },
};

export const ENTRY_PLANS = Object.fromEntries(
  Object.entries(ENTRY_BODIES).map(([command, plan]) => [command, { ...plan, command: writeOfEntry }]),
) as Record<EntryCommand, EntryPlan>;
