import type { SourceKind } from '../../contract/source.events';
import type { SourceView } from '../sources/sources.projection';
import { RELIABILITY_WORDS, archiveLocation, partialDateParts, yearsAsDateParts } from './citation';
import { citationKeyBase, uniqueKeys } from './citation-keys';
import type { ExportInput } from './export-input';
import { referencedSourceIds } from './ledger-items';
import { splitPersonalName } from './personal-names';

type CslName = { family: string; given: string } | { literal: string };
type CslDate = { 'date-parts': number[][] } | { literal: string };

/** One CSL-JSON item, as far as this export fills it (the full list is in the CSL-JSON schema). */
export interface CslItem {
  id: string;
  'citation-key': string;
  type: string;
  title: string;
  author?: CslName[];
  issued?: CslDate;
  accessed?: CslDate;
  'container-title'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  'number-of-pages'?: number;
  publisher?: string;
  'publisher-place'?: string;
  genre?: string;
  DOI?: string;
  ISBN?: string;
  URL?: string;
  number?: string;
  archive?: string;
  'archive-place'?: string;
  archive_location?: string;
  note?: string;
  /** CSL-JSON's place for data no CSL variable holds: the ledger's id of the source. */
  custom: { ledgerSourceId: string };
}

/**
 * The CSL type of each kind of source. An archival file is a `manuscript` (what CSL styles render
 * with archive and archive_location), an archive guide's entry too, with the genre "archive guide
 * entry" (see `cslItem`); a forum post is a `post`; a letter, a `personal_communication`; anything
 * else a generic `document`.
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
 * to, cited as evidence or named as where something was said, in order of first reference. Each item's
 * `id` is a readable citation key (`hearne2025between`, `garf-r-9501-op-6`), unique in the export, so
 * that `[@hearne2025between]` works in Pandoc and BibTeX keys made from it never collide; the ledger's
 * own id is kept in `custom.ledgerSourceId`.
 */
export function toCsl(input: ExportInput): CslItem[] {
  const sources = referencedSourceIds(input).flatMap((id) => {
    const source = input.sources.get(id);
    return source ? [source] : [];
  });
  const keys = uniqueKeys(sources.map(citationKeyBase));
  return sources.map((source, i) => cslItem(source, keys[i]));
}

/**
 * One source as a CSL item, each field in the variable CSL styles expect it in: the journal or forum
 * as `container-title`, never inside the title; the CIA report's kind as `genre` and its page count as
 * `number-of-pages`; its CREST number as `number`, which Chicago and APA print; the archive by its full
 * name with its abbreviation; a guide entry's years as its date, so no style prints "n.d." for it.
 */
export function cslItem(source: SourceView, key = citationKeyBase(source)): CslItem {
  const ids = source.identifiers;
  const details = source.details ?? {};
  const item: CslItem = { id: key, 'citation-key': key, type: CSL_TYPES[source.kind], title: source.title, custom: { ledgerSourceId: source.id } };
  if (source.authors.length > 0) item.author = source.authors.map(splitPersonalName);
  const issued = issuedOf(source);
  if (issued) item.issued = issued;
  if (details.accessed) item.accessed = cslDate(details.accessed);
  if (details.containerTitle) item['container-title'] = details.containerTitle;
  if (details.volume) item.volume = details.volume;
  if (details.issue) item.issue = details.issue;
  if (details.pages) item.page = details.pages;
  if (details.numberOfPages !== undefined) item['number-of-pages'] = details.numberOfPages;
  if (details.publisher) item.publisher = details.publisher;
  if (details.publisherPlace) item['publisher-place'] = details.publisherPlace;
  const guideEntry = ids.archive?.kind === 'guide-entry';
  const genre = details.genre ?? (guideEntry ? 'archive guide entry' : undefined);
  if (genre) item.genre = genre;
  if (ids.doi) item.DOI = ids.doi;
  if (ids.isbn) item.ISBN = ids.isbn;
  if (ids.url) item.URL = ids.url;
  if (details.number) item.number = details.number;
  if (ids.archive) {
    const ref = ids.archive;
    item.archive = ref.repositoryName ? `${ref.repositoryName} (${ref.repository})` : ref.repository;
    if (ref.place) item['archive-place'] = ref.place;
    // The years a guide entry covers are its date (above): not repeated in its location.
    const location = archiveLocation(ref, { years: !(guideEntry && !source.issued && ref.years), guideEntryMarker: false });
    if (location) item.archive_location = keepCase(location);
    if (ids.crest) item.number = [ids.crest, details.number].filter(Boolean).join(', ');
  } else if (ids.crest) {
    // A declassified CIA document is found by its CREST number in the CIA's records system: its
    // location there, which Chicago (notes and author-date) and APA all print; `number` is not printed
    // for a report by Chicago notes–bibliography, which dropped it.
    item.archive = 'CIA Records Search Tool (CREST)';
    item.archive_location = ids.crest;
  }
  const notes: string[] = [];
  if (details.postedAt) notes.push(`Posted ${postedTime(details.postedAt)}`);
  if (guideEntry) notes.push('An archive guide’s entry describing holdings, not a file citation');
  if (details.note) notes.push(details.note.replace(/[.\s]+$/, ''));
  if (source.reliability) notes.push(`Source reliability ${source.reliability} (${RELIABILITY_WORDS[source.reliability]}), Admiralty scale`);
  if (notes.length > 0) item.note = notes.join('. ') + '.';
  return item;
}

/**
 * The date a style prints: the source's `issued` (a partial date, at its precision); for an archival
 * source without one, the years its holdings cover, as a range ("1918–1992" → [[1918], [1992]]) or,
 * when they are several ranges, as written ("1918–1936, 1945"). A date the ledger could not read
 * is kept as written rather than dropped.
 */
function issuedOf(source: SourceView): CslDate | undefined {
  if (source.issued) return cslDate(source.issued);
  const years = source.identifiers.archive?.years;
  if (!years) return undefined;
  const range = yearsAsDateParts(years);
  return range ? { 'date-parts': range } : { literal: years };
}

/**
 * "f. R-9501, op. 6" stays lower case: Chicago capitalises the first letter of an archive location
 * ("F. R-9501"), which misspells the abbreviation. CSL's rich-text markup `<span class="nocase">`,
 * read by citeproc-js, Zotero and Pandoc, protects it.
 */
function keepCase(location: string): string {
  return /^\p{Ll}/u.test(location) ? `<span class="nocase">${location}</span>` : location;
}

function cslDate(text: string): CslDate {
  const parts = partialDateParts(text);
  return parts ? { 'date-parts': [parts] } : { literal: text };
}

/**
 * A forum post's time as the page showed it, with the zone it was read in: "2021-02-10 03:02
 * (UTC−05:00)". CSL dates carry no time of day, so it goes to the note (Zotero's Extra).
 */
function postedTime(postedAt: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/.exec(postedAt);
  if (!match) return postedAt;
  const zone = /^[Zz]$/.test(match[3]!) ? 'UTC' : `UTC${match[3]!.replace('-', '−')}`;
  return `${match[1]} ${match[2]} (${zone})`;
}
