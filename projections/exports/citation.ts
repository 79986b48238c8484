import type { ArchiveReference } from '../../contract/source.events';
import type { SourceView } from '../sources/sources.projection';

/**
 * The location inside an archive in the citation form of Russian and post-Soviet archives.
 *
 * - A file: "f. R-9501, op. 1, d. 45, l. 12" (fond, opis, delo, list), its years after it when given
 *   ("…, d. 45 (1936–1937)"). Several folios ("12-15", "3, 7") take the plural "ll.".
 * - A guide entry, which describes holdings and is never a file: "f. R-9501 (guide entry: 17
 *   inventories, 8,756 storage units, 1918–1992)"; without `guideEntryMarker` (where the format says
 *   it is a guide entry elsewhere), "f. R-9501: 17 inventories, 8,756 storage units, 1918–1992", its inventories named when the entry names them
 *   ("f. R-9501, op. 1, 14 (guide entry: 1,950 storage units, 1925–1992)"). Its counts are never
 *   printed as "d." (DOMAIN.md: the guide's "8756 ed. khr." is not file 8756).
 */
export function archiveLocation(ref: ArchiveReference, options: { years?: boolean; guideEntryMarker?: boolean } = {}): string {
  const withYears = options.years ?? true;
  const parts: string[] = [];
  // A call number in the archive's own form (a file only): "B AG 121 218-015".
  if (ref.shelfmark && ref.kind !== 'guide-entry') parts.push(ref.shelfmark);
  if (ref.fond) parts.push(`f. ${ref.fond}`);
  if (ref.opis) parts.push(`op. ${ref.opis}`);
  if (ref.kind === 'guide-entry') {
    const described = [
      ...(ref.inventories !== undefined ? [`${groupDigits(ref.inventories)} ${ref.inventories === 1 ? 'inventory' : 'inventories'}`] : []),
      ...(ref.storageUnits !== undefined ? [`${groupDigits(ref.storageUnits)} storage ${ref.storageUnits === 1 ? 'unit' : 'units'}`] : []),
      ...(ref.years && withYears ? [ref.years] : []),
    ];
    // Without the marker (CSL-JSON, whose genre says "archive guide entry"), the counts follow the fond plainly.
    if (options.guideEntryMarker === false) return [parts.join(', '), described.join(', ')].filter((p) => p !== '').join(': ');
    const head = parts.join(', ');
    const entry = `guide entry${described.length > 0 ? `: ${described.join(', ')}` : ''}`;
    return head ? `${head} (${entry})` : `(${entry})`;
  }
  if (ref.delo) parts.push(`d. ${ref.delo}`);
  if (ref.list) parts.push(`${/[-–,]/.test(ref.list) ? 'll.' : 'l.'} ${ref.list}`);
  const location = parts.join(', ');
  return ref.years && withYears ? (location ? `${location} (${ref.years})` : `(${ref.years})`) : location;
}

/**
 * Covering years as CSL date-parts: "1918–1992" → [[1918], [1992]], "1936" → [[1936]]; null for
 * several ranges ("1918–1936, 1945"), which a single CSL date cannot hold without widening them.
 */
export function yearsAsDateParts(years: string): number[][] | null {
  const match = /^(\d{4})(?:[-–](\d{4}))?$/.exec(years.trim());
  if (!match) return null;
  return match[2] ? [[Number(match[1])], [Number(match[2])]] : [[Number(match[1])]];
}

/** "GARF, f. R-9501, op. 1, d. 45", or "GARF, f. R-9501 (guide entry: …)": the repository, then the location. */
export function archiveReference(ref: ArchiveReference): string {
  const location = archiveLocation(ref);
  if (!location) return ref.repository;
  return location.startsWith('(') ? `${ref.repository} ${location}` : `${ref.repository}, ${location}`;
}

/** 8756 → "8,756": the figures of a guide entry as a reader expects them. */
function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * How to find the source again, most specific first: the archival reference, the CREST number, the
 * DOI (as a resolvable link), the ISBN, the URL. Every one that exists is given.
 */
export function findingAids(source: SourceView): string[] {
  const ids = source.identifiers;
  const aids: string[] = [];
  if (ids.archive) aids.push(archiveReference(ids.archive));
  if (ids.crest) aids.push(`CREST ${ids.crest}`);
  if (ids.doi) aids.push(`https://doi.org/${ids.doi}`);
  if (ids.isbn) aids.push(`ISBN ${ids.isbn}`);
  if (ids.url && !(ids.doi && ids.url.includes(ids.doi))) aids.push(ids.url);
  return aids;
}

/**
 * A plain-text citation: authors, “title”, issued date, then the finding aids. Plain text so that
 * each format can escape it its own way.
 */
export function formatCitation(source: SourceView): string {
  // No "n.d." when the date is known otherwise: an archival reference's years follow in the finding aids.
  const date = source.issued ?? (source.identifiers.archive?.years ? '' : 'n.d.');
  const head = [source.authors.join(', '), `“${source.title}”`, date].filter((p) => p !== '');
  return [...head, ...findingAids(source)].join(', ') + '.';
}

/** Admiralty-scale words, for readers who do not know the letters and digits by heart. */
export const RELIABILITY_WORDS = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
} as const;

export const CREDIBILITY_WORDS = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
} as const;

/** A citation for a source the export was not given: its id, said plainly. */
export function formatMissingSource(sourceId: string): string {
  return `Source ${sourceId} (not registered in this export).`;
}

/**
 * A partial date ("1954", "1954-06", "1954-06-25") as its numeric parts, [1954, 6, 25]; null for
 * anything else, so that a malformed date is never silently turned into a wrong one.
 */
export function partialDateParts(issued: string): number[] | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(issued.trim());
  if (!match) return null;
  return match.slice(1).filter((p): p is string => p !== undefined).map(Number);
}
