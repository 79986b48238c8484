import { noFieldLeft, StreamedEntries, type Cell } from '../projection';
import type { CitationView, SourceView, SourcesView } from './source-views';

/**
 * The sources view's snapshot form. Its bulk is the citations: one record per piece of evidence
 * (220,000 at a million events), each held twice (in its source's list and in `citationByEvidence`).
 * Written as records, V8's serializer remembered every one of them (native memory, kept by the
 * allocator after the write: some 60 MB of resident set, the file's largest view after the
 * questions). So both Maps are streamed (StreamedEntries):
 * - a citation as its fields, in the order of CitationView, its evidence id being its key;
 * - a source as its record without its citations (one object cell: a few thousand small records of
 *   open shape, identifiers and details), then its citations as their evidence ids, which the
 *   restore resolves through `citationByEvidence`: one object again in both places, as the fold
 *   keeps it (a verification or withdrawal changes it in both).
 * A view that is not so shared (which the fold never makes) is written as it is; so is read back
 * a snapshot written before this form.
 */

/** An entry's first cell: which form follows. A change of the form changes it. */
const FORM = 1;

/** Entries restored between two steps of a restore in the background. */
const ENTRIES_PER_STEP = 2048;

export function sourcesToSnapshot(view: SourcesView): unknown {
  if (!citationsShared(view)) return view;
  return {
    sources: new StreamedEntries(view.sources, writeSource),
    citationByEvidence: new StreamedEntries(view.citationByEvidence, writeCitation),
  };
}

/** The view from a snapshot, a few thousand entries a step: entries in this form are decoded, older ones taken as they are. */
export function* sourcesFromSnapshot(data: unknown): Generator<void, SourcesView, void> {
  const snapshot = data as { sources: Map<string, unknown>; citationByEvidence: Map<string, unknown> };
  const citationByEvidence = new Map<string, CitationView>();
  let entries = 0;
  for (const [evidenceId, value] of snapshot.citationByEvidence) {
    citationByEvidence.set(evidenceId, Array.isArray(value) ? citationFrom(evidenceId, value as Cell[]) : (value as CitationView));
    if (++entries % ENTRIES_PER_STEP === 0) yield;
  }
  const sources = new Map<string, SourceView>();
  for (const [id, value] of snapshot.sources) {
    sources.set(id, Array.isArray(value) ? sourceFrom(id, value, citationByEvidence) : (value as SourceView));
    if (++entries % ENTRIES_PER_STEP === 0) yield;
  }
  return { sources, citationByEvidence };
}

/** Whether every citation a source lists is the one `citationByEvidence` holds under its evidence id, under its own id. */
function citationsShared(view: SourcesView): boolean {
  for (const [evidenceId, citation] of view.citationByEvidence) if (citation.evidenceId !== evidenceId) return false;
  for (const source of view.sources.values()) {
    for (const citation of source.citations) if (view.citationByEvidence.get(citation.evidenceId) !== citation) return false;
  }
  return true;
}

function writeCitation(citation: CitationView, cell: (cell: unknown) => void): void {
  const { evidenceId: _key, questionId, claimId, stance, locator, verification, withdrawn, ...rest } = citation;
  noFieldLeft(rest);
  const cells: unknown[] = [questionId, claimId, stance, locator, verification, withdrawn];
  // `undefined` ends an entry in the file, and an object is no cell: such a record (which the fold
  // never makes) goes as one object cell, as V8 writes any value.
  if (cells.some((value) => value === undefined || (typeof value === 'object' && value !== null))) {
    cell(citation);
    return;
  }
  cell(FORM);
  for (const value of cells) cell(value);
}

function citationFrom(evidenceId: string, cells: readonly Cell[]): CitationView {
  if (cells.length === 1 && typeof cells[0] === 'object' && cells[0] !== null) return cells[0] as unknown as CitationView;
  if (cells[0] !== FORM) throw new Error(`the snapshot's citation ${evidenceId} is in a form this build does not read (${String(cells[0])})`);
  const [, questionId, claimId, stance, locator, verification, withdrawn] = cells;
  return {
    evidenceId,
    questionId: questionId as string,
    claimId: claimId as string,
    stance: stance as CitationView['stance'],
    locator: locator as string | null,
    verification: verification as CitationView['verification'],
    withdrawn: withdrawn as boolean,
  };
}

function writeSource(source: SourceView, cell: (cell: unknown) => void): void {
  cell(FORM);
  // `citations` kept as a key (null) so the record read back has its keys in the fold's order.
  cell({ ...source, citations: null });
  cell(source.citations.length);
  for (const citation of source.citations) cell(citation.evidenceId);
}

function sourceFrom(id: string, cells: readonly unknown[], citationByEvidence: ReadonlyMap<string, CitationView>): SourceView {
  if (cells[0] !== FORM) throw new Error(`the snapshot's source ${id} is in a form this build does not read (${String(cells[0])})`);
  const source = cells[1] as SourceView;
  const count = cells[2] as number;
  const citations: CitationView[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const evidenceId = cells[3 + index] as string;
    const citation = citationByEvidence.get(evidenceId);
    if (citation === undefined) throw new Error(`the snapshot's source ${id} cites evidence ${evidenceId}, which its citations do not hold`);
    citations[index] = citation;
  }
  source.citations = citations;
  return source;
}
