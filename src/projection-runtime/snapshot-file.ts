import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { LedgerAuditSnapshot } from '../ledger/integrity/ledger-audit';

/** What a snapshot holds: the views, the position they reflect, and the projections' versions. */
export interface Snapshot {
  format: 1;
  position: bigint;
  versions: Record<string, string>;
  /** Which store the views came from, so a snapshot is never applied to another store's log. */
  storeIdentity: string;
  views: Record<string, unknown>;
  /** The hash chains' heads and the ledger-wide tree at `position`; a snapshot without is not restored. */
  integrity?: LedgerAuditSnapshot;
  /**
   * The size and root of the ledger-wide tree over every event up to `position`: a start from this
   * snapshot re-reads the stored log up to there in the background and checks it still has this root.
   */
  tree?: { size: number; rootHash: string };
}

/**
 * Snapshots in one file, written atomically (a temporary file renamed over the old one), in V8's
 * serialisation format, which keeps Maps, Sets, bigints and Dates as they are.
 */
export class SnapshotFile {
  constructor(readonly path: string) {}

  load(): Snapshot | undefined {
    if (!existsSync(this.path)) return undefined;
    try {
      const snapshot = deserialize(readFileSync(this.path)) as Snapshot;
      return snapshot?.format === 1 ? snapshot : undefined;
    } catch {
      // A snapshot is only a cache of the log: a damaged one is ignored and the views are rebuilt.
      return undefined;
    }
  }

  save(snapshot: Snapshot): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(snapshot));
    renameSync(temporary, this.path);
  }
}
