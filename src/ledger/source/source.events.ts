/** Events of the source aggregate: something citable, shared by every question. */

export type SourceKind = 'archival' | 'report' | 'article' | 'book' | 'forum-post' | 'letter' | 'interview' | 'web' | 'other';
export type Reliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** An archival reference in the citation form of Russian and post-Soviet archives: f., op., d., l. */
export interface ArchiveReference {
  repository: string;
  fond?: string;
  opis?: string;
  delo?: string;
  list?: string;
}

export interface SourceIdentifiers {
  doi?: string;
  isbn?: string;
  url?: string;
  crest?: string;
  archive?: ArchiveReference;
}

export type SourceEvent =
  | {
      type: 'SourceRegistered';
      data: {
        sourceId: string;
        kind: SourceKind;
        title: string;
        authors: string[];
        /** A partial date: 1954, 1954-06 or 1954-06-25. */
        issued: string | null;
        identifiers: SourceIdentifiers;
        reliability: Reliability | null;
      };
    }
  | { type: 'SourceAppraised'; data: { sourceId: string; reliability: Reliability; note: string } };

export type SourceEventType = SourceEvent['type'];
export const SOURCE_EVENT_TYPES: readonly SourceEventType[] = ['SourceRegistered', 'SourceAppraised'];
