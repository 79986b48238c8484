/** Events of the source aggregate: something citable, shared by every question. */

export type SourceKind = 'archival' | 'report' | 'article' | 'book' | 'forum-post' | 'letter' | 'interview' | 'web' | 'other';
export type Reliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/**
 * What an archival reference points at. A `file` (the default) is one file (delo) of an inventory, and
 * its folios. A `guide-entry` is an entry of an archive's guide describing holdings, never a file: its
 * figures are counts. GARF's guide prints "f. R-9501, 17 op., 8756 ed. khr., 1918–1992": a fond with 17
 * inventories holding 8,756 storage units, not file 8756 of inventory 17 (DOMAIN.md). The ledger keeps
 * the two apart and never turns a guide entry's figures into a precise-looking file reference.
 */
export type ArchiveReferenceKind = 'file' | 'guide-entry';
export const ARCHIVE_REFERENCE_KINDS: readonly ArchiveReferenceKind[] = ['file', 'guide-entry'];

/**
 * An archival reference in the citation form of Russian and post-Soviet archives: f. (fond), op.
 * (opis, inventory), d. (delo, file), l./ll. (list, folio); or an archive guide's entry (`kind:
 * 'guide-entry'`): the fond, the inventories it covers when it names them, how many inventories and
 * storage units (ed. khr.) it describes, and their years. Absent `kind` means `file` (references
 * registered before guide entries existed are file citations as written).
 */
export interface ArchiveReference {
  kind?: ArchiveReferenceKind;
  /** The repository as it is usually cited, often an abbreviation: "GARF", "ICRC Archives". */
  repository: string;
  /** Its full name, when `repository` is an abbreviation: "State Archive of the Russian Federation". */
  repositoryName?: string;
  /** Where the repository is: "Geneva". */
  place?: string;
  /**
   * A file citation only: the file's call number in the archive's own form, for archives that do not
   * cite by fond and opis ("B AG 121 218-015" at the ICRC Archives).
   */
  shelfmark?: string;
  fond?: string;
  /** A file's inventory; for a guide entry, the inventories it covers as the guide names them ("1, 14"). */
  opis?: string;
  /** A file citation only. */
  delo?: string;
  /** A file citation only. */
  list?: string;
  /** A guide entry only: how many inventories (op.) it describes ("17 op."). */
  inventories?: number;
  /** A guide entry only: how many storage units (ed. khr., files) it describes ("8756 ed. khr."). */
  storageUnits?: number;
  /** The years the holdings or the file cover, as written: "1918–1992", "1918–1936, 1945". */
  years?: string;
}

export interface SourceIdentifiers {
  doi?: string;
  isbn?: string;
  url?: string;
  crest?: string;
  archive?: ArchiveReference;
}

/**
 * What a bibliography needs beyond the title, authors and date: where the source appeared and how to
 * find it again. Every field is optional and kept as the source prints it; the CSL-JSON variable each
 * becomes is in brackets. Never filled by guesswork: a field the record does not give stays absent.
 */
export interface SourceDetails {
  /** The journal, forum, website or book it appeared in: "Journal of Global History", "World Association of International Studies" [container-title]. */
  containerTitle?: string;
  /** [volume] */
  volume?: string;
  /** [issue] */
  issue?: string;
  /** The pages it spans, as printed: "233–53" [page]. */
  pages?: string;
  /** How many pages it has: the CIA report's 3 [number-of-pages]. */
  numberOfPages?: number;
  /** [publisher] */
  publisher?: string;
  /** [publisher-place] */
  publisherPlace?: string;
  /** What kind of document it calls itself: "Information report" [genre]. */
  genre?: string;
  /** A report's or document's own number, other than a CREST number (an identifier) [number]. */
  number?: string;
  /** When it was consulted online: a partial date [accessed]. */
  accessed?: string;
  /**
   * A forum post's time, read in a stated zone: RFC 3339 with its offset, as the page shows it
   * ("2021-02-10T03:02:00-05:00"). Its date is the source's `issued`.
   */
  postedAt?: string;
  /** What a reader must know to find or trust the citation (a disagreement in how it is cited) [note]. */
  note?: string;
}

export type SourceEvent =
  | {
      type: 'SourceRegistered';
      /**
       * Version 2 added `details` (version 1 events are read with `details: {}`: they recorded
       * none).
       */
      data: {
        sourceId: string;
        kind: SourceKind;
        title: string;
        authors: string[];
        /** A partial date: 1954, 1954-06 or 1954-06-25. */
        issued: string | null;
        identifiers: SourceIdentifiers;
        details: SourceDetails;
        reliability: Reliability | null;
      };
    }
  | { type: 'SourceAppraised'; data: { sourceId: string; reliability: Reliability; note: string } };

export type SourceEventType = SourceEvent['type'];
