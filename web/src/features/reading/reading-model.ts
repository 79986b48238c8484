import { formatOccurred, occurredStart } from '../../../../projections/dates/occurred';
import type { ArchiveReference } from '../../../../contract/source.events';
import { archiveReference, CREDIBILITY_WORDS, RELIABILITY_WORDS } from '../../../../projections/exports/citation';
import type { Consensus, Label, Provenance, QuestionClaim, QuestionDetail, QuestionEvidence, RelationKind, TimelineEntry } from '../../api/types';

/** A source as GET /api/sources answers it (src/ledger/http/presenters.ts presentSource). */
export interface SourceRecord {
  id: string;
  kind: string;
  title: string;
  authors: string[];
  /** A partial date as given: YYYY, YYYY-MM or YYYY-MM-DD. */
  issued: string | null;
  identifiers: { doi?: string; isbn?: string; url?: string; crest?: string; archive?: ArchiveReference };
  details: Record<string, unknown>;
  reliability: string | null;
  registeredReliability: string | null;
  appraisals: { reliability: string; note: string; position: string; provenance: Provenance }[];
  provenance: Provenance;
}

/** One claim in the reading order, with what it says about others in words ("rebuts C12"). */
export interface ReadingEntry {
  claim: QuestionClaim;
  /** "C1", "C2"… in reading order: how other entries refer to it. */
  ref: string;
  label: Label | null;
  /** The log position of its proposal, when the timeline has it. */
  position: bigint | null;
  /** When it was said, as given: a partial date stays partial (projections/dates/occurred.ts). */
  said: string;
  author: string;
  /** What this claim says of others. */
  outgoing: RelationPhrase[];
  /** What others say of this claim. */
  incoming: RelationPhrase[];
  evidence: QuestionEvidence[];
}

export interface RelationPhrase {
  /** "rebuts", "is rebutted by", "competes with"… */
  words: string;
  /** The other end: a claim (its ref) or a piece of evidence (its source). */
  target: { kind: 'claim'; id: string; ref: string; text: string } | { kind: 'evidence'; id: string; sourceId: string };
}

const ACTIVE: Record<RelationKind, string> = { supports: 'supports', rebuts: 'rebuts', undercuts: 'undercuts', competes: 'competes with' };
const PASSIVE: Record<RelationKind, string> = { supports: 'is supported by', rebuts: 'is rebutted by', undercuts: 'is undercut by', competes: 'competes with' };

export function relationWords(relation: RelationKind | string, direction: 'active' | 'passive'): string {
  const table = direction === 'active' ? ACTIVE : PASSIVE;
  return table[relation as RelationKind] ?? relation;
}

/** The log position at which each claim was proposed, from the question's timeline. */
export function proposalPositions(timeline: readonly TimelineEntry[]): Map<string, bigint> {
  const positions = new Map<string, bigint>();
  for (const entry of timeline) if (entry.type === 'ClaimProposed' && !positions.has(entry.subjectId)) positions.set(entry.subjectId, BigInt(entry.position));
  return positions;
}

/**
 * The claims in the order they were said: by when they occurred (the first moment a partial date can
 * mean, so "1947" comes before "1947-02-10"), then by the order they were recorded (log position).
 * A claim whose date is unreadable goes last rather than being guessed. The sort is stable, so claims
 * without a known position keep the question's own (log) order.
 */
export function readingOrder(claims: readonly QuestionClaim[], positions: ReadonlyMap<string, bigint>): QuestionClaim[] {
  const keyed = claims.map((claim, index) => ({ claim, index, start: occurredStart(claim.provenance.occurredAt), position: positions.get(claim.id) }));
  keyed.sort((a, b) => {
    const aKnown = !Number.isNaN(a.start);
    const bKnown = !Number.isNaN(b.start);
    if (aKnown !== bKnown) return aKnown ? -1 : 1;
    if (aKnown && a.start !== b.start) return a.start - b.start;
    if (a.position !== undefined && b.position !== undefined && a.position !== b.position) return a.position < b.position ? -1 : 1;
    return a.index - b.index;
  });
  return keyed.map((k) => k.claim);
}

/**
 * The reading view's entries. With a moment (the replay's asOf), only the claims the consensus of that
 * moment knows are shown: a claim not yet said then is not in the debate yet.
 */
export function readingEntries(question: QuestionDetail, consensus: Consensus, timeline: readonly TimelineEntry[], atMoment: boolean): ReadingEntry[] {
  const labels = new Map(consensus.claims.map((c) => [c.id, c.label]));
  const positions = proposalPositions(timeline);
  const shown = readingOrder(question.claims, positions).filter((c) => !atMoment || labels.has(c.id));
  const refs = new Map(shown.map((c, i) => [c.id, `C${i + 1}`]));
  const byId = new Map(question.claims.map((c) => [c.id, c]));
  const claimTarget = (id: string) => ({ kind: 'claim' as const, id, ref: refs.get(id) ?? 'a claim not shown', text: byId.get(id)?.text ?? '' });

  // Indexed once: a question of a thousand claims is read in one pass over its relations, not one per claim.
  const outgoingOf = new Map<string, RelationPhrase[]>();
  const incomingOf = new Map<string, RelationPhrase[]>();
  const push = (index: Map<string, RelationPhrase[]>, id: string, phrase: RelationPhrase) => {
    const list = index.get(id);
    if (list) list.push(phrase);
    else index.set(id, [phrase]);
  };
  for (const r of question.relations) {
    // Only relations between claims both shown: a relation to a claim not yet said did not exist then either.
    if (!refs.has(r.fromClaimId) || !refs.has(r.toClaimId)) continue;
    push(outgoingOf, r.fromClaimId, { words: relationWords(r.relation, 'active'), target: claimTarget(r.toClaimId) });
    push(incomingOf, r.toClaimId, { words: relationWords(r.relation, 'passive'), target: claimTarget(r.fromClaimId) });
  }
  const evidenceById = new Map(question.evidence.map((e) => [e.id, e]));
  for (const r of question.evidenceRelations) {
    const target = evidenceById.get(r.toEvidenceId);
    if (target && refs.has(r.fromClaimId)) {
      push(outgoingOf, r.fromClaimId, { words: `${relationWords(r.relation, 'active')} the evidence`, target: { kind: 'evidence', id: target.id, sourceId: target.sourceId } });
    }
  }
  const evidenceOf = new Map<string, QuestionEvidence[]>();
  for (const e of question.evidence) {
    const list = evidenceOf.get(e.claimId);
    if (list) list.push(e);
    else evidenceOf.set(e.claimId, [e]);
  }

  return shown.map((claim) => {
    const outgoing = outgoingOf.get(claim.id) ?? [];
    const incoming = incomingOf.get(claim.id) ?? [];
    return {
      claim,
      ref: refs.get(claim.id)!,
      label: labels.get(claim.id) ?? null,
      position: positions.get(claim.id) ?? null,
      said: formatOccurred(claim.provenance.occurredAt),
      author: claim.provenance.attributedTo.name,
      outgoing,
      incoming,
      evidence: evidenceOf.get(claim.id) ?? [],
    };
  });
}

/** The sources the question relies on: where its claims were said, and what its evidence cites, in first-use order. */
export function sourcesOfEntries(entries: readonly ReadingEntry[]): string[] {
  const ids: string[] = [];
  const add = (id: string | null | undefined) => {
    if (id && !ids.includes(id)) ids.push(id);
  };
  for (const entry of entries) {
    add(entry.claim.provenance.saidIn);
    for (const e of entry.evidence) add(e.sourceId);
  }
  // Evidence of claims not shown (not yet said at the replay's moment) is left out: the list follows what is read above.
  return ids;
}

/** The ways to find a source again: its archival reference in the archive's own citation form, CREST, DOI, ISBN, URL. */
export function findingAids(source: SourceRecord): { kind: string; text: string; href?: string }[] {
  const ids = source.identifiers ?? {};
  const aids: { kind: string; text: string; href?: string }[] = [];
  if (ids.archive) {
    aids.push({ kind: ids.archive.kind === 'guide-entry' ? 'Archive guide entry' : 'Archival reference', text: archiveReference(ids.archive) });
    // The abbreviation a citation uses ("GARF") spelled out, and where the archive is.
    const where = [ids.archive.repositoryName, ids.archive.place].filter(Boolean).join(', ');
    if (where) aids.push({ kind: 'Repository', text: `${ids.archive.repository}: ${where}` });
  }
  if (ids.crest) aids.push({ kind: 'CREST', text: ids.crest });
  if (ids.doi) aids.push({ kind: 'DOI', text: ids.doi, href: `https://doi.org/${ids.doi}` });
  if (ids.isbn) aids.push({ kind: 'ISBN', text: ids.isbn });
  if (ids.url) aids.push({ kind: 'URL', text: ids.url, href: ids.url });
  return aids;
}

/** "B (usually reliable)": the Admiralty letter with its words, for readers who do not know the scale. */
export function reliabilityText(reliability: string): string {
  const words = (RELIABILITY_WORDS as Record<string, string>)[reliability];
  return words ? `${reliability} (${words})` : reliability;
}

/** "2 (probably true)": the Admiralty credibility digit with its words. */
export function credibilityText(credibility: number): string {
  const words = (CREDIBILITY_WORDS as Record<number, string>)[credibility];
  return words ? `${credibility} (${words})` : String(credibility);
}

/** The first words of a claim, to name it in a relation without repeating all of it. */
export function excerpt(text: string, words = 10): string {
  const all = text.split(/\s+/).filter(Boolean);
  return all.length <= words ? text : `${all.slice(0, words).join(' ')}…`;
}
