import type { SourceView } from '../sources/sources.projection';
import { splitPersonalName } from './personal-names';

/**
 * Readable citation keys for CSL-JSON `id` and `citation-key` (what Pandoc's `[@key]` and the BibTeX
 * keys citation-js and Zotero make from CSL-JSON use):
 *
 * - an archival source, by where it is: repository, fond, inventories, file, call number
 *   (`garf-r-9501-op-5-13-16`, `icrc-archives-b-ag-121-218-015`), so that five entries of one fond
 *   never share a key as author-and-year keys would;
 * - anything else, author, year and the first significant word of the title (`hearne2025between`,
 *   `cia1954soviet`): a person by family name, an institution by its initials.
 *
 * Keys are ASCII (accents dropped), lower case, and made unique within one export by `uniqueKeys`.
 */
export function citationKeyBase(source: SourceView): string {
  const archive = source.identifiers.archive;
  if (archive) {
    const where = [
      archive.repository,
      archive.shelfmark ?? '',
      archive.fond ?? '',
      archive.opis ? `op ${archive.opis}` : '',
      archive.delo ? `d ${archive.delo}` : '',
    ];
    const key = slug(where.join(' '), '-');
    if (key) return key;
  }
  const author = source.authors[0] ? authorKey(source.authors[0]) : '';
  const year = source.issued?.slice(0, 4) ?? '';
  const word = firstSignificantWord(source.title);
  return `${author}${year}${word}` || 'source';
}

/** The bases made unique in order: the first keeps its key, later ones get "-2", "-3"… */
export function uniqueKeys(bases: string[]): string[] {
  const used = new Set<string>();
  return bases.map((base) => {
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return key;
  });
}

function authorKey(name: string): string {
  const split = splitPersonalName(name);
  if ('family' in split) return slug(split.family, '');
  // An institution by the initials of its capitalised words: "Central Intelligence Agency" → "cia".
  const initials = split.literal.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
  return slug(initials.length >= 2 ? initials : split.literal, '');
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'to', 'for', 'de', 'la', 'le', 'el', 'der', 'die', 'das']);

function firstSignificantWord(title: string): string {
  const words = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const word = words.find((w) => !STOP_WORDS.has(w.toLowerCase())) ?? words[0] ?? '';
  return slug(word, '');
}

/** Lower-case ASCII letters and digits, runs of anything else replaced by `separator`. */
function slug(text: string, separator: string): string {
  const ascii = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const joined = ascii.replace(/[^a-z0-9]+/g, separator);
  return separator ? joined.split(separator).filter((part) => part !== '').join(separator) : joined;
}
