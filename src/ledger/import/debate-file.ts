/** The debate import format, `claims-ledger/debate@1` (docs/import-format.md). */

export const DEBATE_FORMAT = 'claims-ledger/debate@1';

export type EntryCommand =
  | 'RegisterSource'
  | 'AppraiseSource'
  | 'OpenQuestion'
  | 'RewordQuestion'
  | 'ChangeProofStandard'
  | 'ProposeClaim'
  | 'ReviseClaim'
  | 'RetractClaim'
  | 'RelateClaims'
  | 'AttachEvidence'
  | 'VerifyEvidence'
  | 'WithdrawEvidence'
  | 'RecordStance'
  | 'ResolveQuestion'
  | 'ReopenQuestion';

export interface DebateEntry {
  key: string;
  command: EntryCommand;
  by?: { name: string; affiliation?: string; location?: string };
  at?: string;
  in?: string;
  [field: string]: unknown;
}

export interface DebateFile {
  format: typeof DEBATE_FORMAT;
  debate: string;
  title?: string;
  description?: string;
  entries: DebateEntry[];
}

/** What kind of entry a reference must name. */
export type EntityKind = 'source' | 'question' | 'claim' | 'evidence';

export const CREATES: Partial<Record<EntryCommand, EntityKind>> = {
  RegisterSource: 'source',
  OpenQuestion: 'question',
  ProposeClaim: 'claim',
  AttachEvidence: 'evidence',
};

/** The field of each command that names its target, and what it must name. */
export const TARGET: Partial<Record<EntryCommand, { field: string; kind: EntityKind }>> = {
  AppraiseSource: { field: 'source', kind: 'source' },
  RewordQuestion: { field: 'question', kind: 'question' },
  ChangeProofStandard: { field: 'question', kind: 'question' },
  ProposeClaim: { field: 'question', kind: 'question' },
  ReviseClaim: { field: 'claim', kind: 'claim' },
  RetractClaim: { field: 'claim', kind: 'claim' },
  AttachEvidence: { field: 'claim', kind: 'claim' },
  VerifyEvidence: { field: 'evidence', kind: 'evidence' },
  WithdrawEvidence: { field: 'evidence', kind: 'evidence' },
  RecordStance: { field: 'claim', kind: 'claim' },
  ResolveQuestion: { field: 'question', kind: 'question' },
  ReopenQuestion: { field: 'question', kind: 'question' },
};

/** Every field, besides the target, that names another entry, as a path into the entry. */
export function referencesOf(entry: DebateEntry): { path: string; key: unknown; kind: EntityKind }[] {
  const refs: { path: string; key: unknown; kind: EntityKind }[] = [];
  const target = TARGET[entry.command];
  if (target) refs.push({ path: target.field, key: entry[target.field], kind: target.kind });
  if (entry.in !== undefined) refs.push({ path: 'in', key: entry.in, kind: 'source' });
  switch (entry.command) {
    case 'OpenQuestion':
      if (entry.parent !== undefined) refs.push({ path: 'parent', key: entry.parent, kind: 'question' });
      break;
    case 'ProposeClaim': {
      const respondsTo = entry.respondsTo as { claim?: unknown } | undefined;
      if (respondsTo && typeof respondsTo === 'object') refs.push({ path: 'respondsTo.claim', key: respondsTo.claim, kind: 'claim' });
      break;
    }
    case 'RelateClaims':
      // The target is a claim (`to`) or a piece of evidence (`toEvidence`); the schema wants exactly one.
      refs.push({ path: 'from', key: entry.from, kind: 'claim' });
      if (entry.to !== undefined) refs.push({ path: 'to', key: entry.to, kind: 'claim' });
      if (entry.toEvidence !== undefined) refs.push({ path: 'toEvidence', key: entry.toEvidence, kind: 'evidence' });
      break;
    case 'AttachEvidence':
      refs.push({ path: 'source', key: entry.source, kind: 'source' });
      break;
    case 'ResolveQuestion':
      (Array.isArray(entry.accepted) ? entry.accepted : []).forEach((key, i) => refs.push({ path: `accepted[${i}]`, key, kind: 'claim' }));
      break;
  }
  return refs;
}
