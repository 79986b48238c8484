import type { EventStore } from '../../event-store/event-store.port';
import { readLocalCheckpoint, signatureProblem, signCheckpoint, writeLocalCheckpoint, type Checkpoint } from './checkpoint';
import type { LedgerAudit } from './ledger-audit';
import { loadSigningKey, type LedgerKey, type SigningKeySettings } from './signing-key';
import { rootAt } from './tree-reader';

interface Log {
  log(message: string): void;
  error(message: string): void;
}

/**
 * The ledger's own latest checkpoint, `checkpoint.json` in the data directory, kept by whoever reads
 * the log (the server's projection runner, and the CLI's): signed after the log is read at start,
 * with each snapshot, at most every CHECKPOINT_EVERY_MS while events come, and at shutdown. A new one
 * is written only over a log found sound and still extending the one before; once the log is found
 * not to extend it, no other is written (the old one is the evidence), and the problem stays on
 * /health. `claims verify` checks the log against it.
 */
export class LocalCheckpoints {
  /** Why the log does not extend the stored checkpoint, once found. */
  problem: string | undefined;
  private key: LedgerKey | undefined;
  /** The stored checkpoint this process wrote or found the log to extend (its size and root). */
  private extended: { treeSize: number; rootHash: string } | undefined;
  private lastSavedAt = 0;
  /** How many events the log held when this process first read it: it starts no checkpoint over those alone. */
  private sizeAtStart: number | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** Why no checkpoint may be signed any more, though the log read since start is sound (its older part is not). */
  private held: string | undefined;

  constructor(
    private readonly settings: SigningKeySettings,
    private readonly store: EventStore,
    private readonly logger: Log,
  ) {}

  /** Whether enough time has passed since the last checkpoint for another. */
  due(now: number, everyMs: number): boolean {
    return this.sizeAtStart !== undefined && now - this.lastSavedAt >= everyMs;
  }

  /**
   * Checks that the log, as the audit has read it, still extends the stored checkpoint. `catchUp`
   * reads on first when the checkpoint is larger: another process may have written both meanwhile.
   */
  async check(audit: LedgerAudit, catchUp: () => Promise<void>): Promise<void> {
    let stored: Checkpoint | undefined;
    try {
      stored = readLocalCheckpoint(this.settings.dataDir);
    } catch (error) {
      this.fail(`the ledger's checkpoint (checkpoint.json) cannot be read: ${(error as Error).message}`);
      return;
    }
    if (!stored) return;
    const key = this.signingKey(false);
    const signature = key ? signatureProblem(stored, key.publicKey, key.keyId) : 'there is no signing key to check it with';
    if (signature) {
      this.fail(`the ledger's checkpoint (checkpoint.json, ${stored.treeSize} events, signed ${stored.timestamp}) is not trustworthy: ${signature}`);
      return;
    }
    if (stored.treeSize > audit.tree.size) await catchUp();
    await this.checkExtends(audit, stored);
  }

  /**
   * Notes where the log stood when this process started reading it. Without a stored checkpoint,
   * a first one is signed only once events are appended after that: a ledger whose checkpoint was
   * deleted does not get a new one over a log nobody here saw written, just by being read.
   */
  started(audit: LedgerAudit): void {
    this.sizeAtStart = audit.tree.size;
  }

  /**
   * Signs no other checkpoint from now on: the stored log no longer has the tree the ledger read
   * (found re-reading it below a snapshot), so its head is not the ledger's to sign.
   */
  hold(problem: string): void {
    this.held ??= problem;
  }

  /** Signs and stores the audit's head, when it grew, is sound, and extends the stored checkpoint. */
  save(audit: LedgerAudit): Promise<void> {
    this.lastSavedAt = Date.now();
    const next = this.saving.then(() => this.saveNow(audit));
    this.saving = next.catch(() => undefined);
    return next;
  }

  private async saveNow(audit: LedgerAudit): Promise<void> {
    try {
      // Nothing before the log was first read through and checked against the stored checkpoint.
      if (this.sizeAtStart === undefined || this.problem !== undefined || this.held !== undefined || audit.broken.size > 0 || audit.tree.size === 0) return;
      const stored = readLocalCheckpoint(this.settings.dataDir);
      if (!stored && audit.tree.size <= this.sizeAtStart) return;
      if (stored) {
        // Another process (the CLI beside the server) may have read further: its checkpoint stays.
        if (stored.treeSize > audit.tree.size) return;
        if (stored.treeSize === audit.tree.size && stored.rootHash === audit.tree.root().toString('hex')) {
          this.extended = stored;
          return;
        }
        const known = this.extended && this.extended.treeSize === stored.treeSize && this.extended.rootHash === stored.rootHash;
        if (!known && !(await this.checkExtends(audit, stored))) return;
      }
      const key = this.signingKey(true)!;
      const checkpoint = signCheckpoint(audit, key);
      writeLocalCheckpoint(this.settings.dataDir, checkpoint);
      this.extended = checkpoint;
    } catch (error) {
      this.logger.error(`could not write the ledger's checkpoint: ${(error as Error).message}`);
    }
  }

  private async checkExtends(audit: LedgerAudit, stored: Checkpoint): Promise<boolean> {
    const of = `the ledger's checkpoint (checkpoint.json, ${stored.treeSize} events up to position ${stored.lastPosition ?? '-'}, signed ${stored.timestamp})`;
    if (stored.treeSize > audit.tree.size) {
      this.fail(`the log holds ${audit.tree.size} events, fewer than ${of}: events were deleted; run claims verify to name them`);
      return false;
    }
    let root: string;
    try {
      root = (await rootAt(this.store, audit.tree, stored.treeSize)).toString('hex');
    } catch (error) {
      this.fail(`the log no longer extends ${of}: ${(error as Error).message}`);
      return false;
    }
    if (root !== stored.rootHash) {
      this.fail(`the first ${stored.treeSize} events of the log no longer hash to the root of ${of}: the log was rewritten; run claims verify to name where`);
      return false;
    }
    this.extended = stored;
    return true;
  }

  private fail(problem: string): void {
    if (this.problem === undefined) this.logger.error(`integrity: ${problem}`);
    this.problem ??= problem;
  }

  private signingKey(create: boolean): LedgerKey | undefined {
    this.key ??= loadSigningKey(this.settings, { create });
    return this.key;
  }
}
