import type { SourceKind } from '../../src/ledger/source/source.events';
import type { SourceView } from '../sources/sources.projection';
import { RELIABILITY_WORDS, archiveLocation, partialDateParts } from './citation';
import type { ExportInput } from './export-input';
import { referencedSourceIds } from './ledger-items';
import { splitPersonalName } from './personal-names';

/** One CSL-JSON item, as far as this export fills it (the full list is in the CSL-JSON schema). */
export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: ({ family: string; given: string } | { literal: string })[];
  issued?: { 'date-parts': number[][] } | { literal: string };
  DOI?: string;
  ISBN?: string;
  URL?: string;
  number?: string;
  archive?: string;
  archive_location?: string;
  note?: string;
}

/**
 * The CSL type of each kind of source. An archival file is a `manuscript` (what CSL styles render
 * with archive and archive_location), an archive guide's entry a `collection` (see `cslItem`); a
 * forum post is a `post`; a letter, a `personal_communication`; anything else a generic `document`.
 */
const CSL_TYPES: Record<SourceKind, string> = {
  archival: 'manuscript',
  report: 'report',
  article: 'article-journal',
  book: 'book',
  'forum-post': 'post',
  letter: 'personal_communication',
  interview: 'interview',
  web: 'webpage',
  other: 'document',
};

/**
 * CSL-JSON (the input format of citeproc-js, Zotero, Pandoc) of every source the question refers
 * to, cited as evidence or named as where something was said, in order of first reference.
 */
export function toCsl(input: ExportInput): CslItem[] {
  return referencedSourceIds(input).flatMap((id) => {
    const source = input.sources.get(id);
    return source ? [cslItem(source)] : [];
  });
}

export function cslItem(source: SourceView): CslItem {
  const ids = source.identifiers;
  const item: CslItem = { id: source.id, type: CSL_TYPES[source.kind], title: source.title };
  if (source.authors.length > 0) item.author = source.authors.map(splitPersonalName);
  if (source.issued) {
    const parts = partialDateParts(source.issued);
    // A date the ledger could not read as a partial date is kept as written rather than dropped.
    item.issued = parts ? { 'date-parts': [parts] } : { literal: source.issued };
  }
  if (ids.doi) item.DOI = ids.doi;
  if (ids.isbn) item.ISBN = ids.isbn;
  if (ids.url) item.URL = ids.url;
  if (ids.crest) item.number = ids.crest;
  if (ids.archive) {
    item.archive = ids.archive.repository;
    const location = archiveLocation(ids.archive);
    if (location) item.archive_location = location;
    // A guide entry describes holdings (a collection), never a file: cited as such, so no style prints it as one.
    if (ids.archive.kind === 'guide-entry' && source.kind === 'archival') item.type = 'collection';
  }
  const notes: string[] = [];
  if (ids.archive?.kind === 'guide-entry') notes.push('An archive guide’s entry describing holdings, not a file citation');
  if (ids.crest) notes.push(`CREST ${ids.crest}`);
  if (source.reliability) notes.push(`Source reliability ${source.reliability} (${RELIABILITY_WORDS[source.reliability]}), Admiralty scale`);
  if (notes.length > 0) item.note = notes.join('. ') + '.';
  return item;
}
