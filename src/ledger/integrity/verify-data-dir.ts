import type { LedgerConfig } from '../../config/ledger-config';
import type { EventStore } from '../../event-store/event-store.port';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store';
import { readLocalCheckpoint, type Checkpoint } from './checkpoint';
import { checkConsistency } from './consistency-check';
import { loadSigningKey } from './signing-key';
import { verifyLedger, type CheckpointToCheck, type LedgerBreak, type VerificationReport } from './verify-ledger';

/** The checkpoints cannot be checked: nobody's key to check their signatures with. */
export class NoKeyError extends Error {
  override readonly name = 'NoKeyError';
}

export interface LedgerVerification {
  report: VerificationReport;
  /** Every break: what was wrong with the checkpoints themselves, then the report's. */
  breaks: LedgerBreak[];
}

/**
 * What `claims verify` does: the whole log checked against the ledger's own checkpoint (in its data
 * directory, signed with its key) and against the checkpoints given (kept elsewhere), whose
 * signatures are checked with `key` (default: the ledger's own key).
 */
export async function verifyLedgerWithCheckpoints(
  config: Pick<LedgerConfig, 'dataDir' | 'signingKey'>,
  store: EventStore,
  options: { against?: { label: string; checkpoint: Checkpoint }[]; key?: CheckpointToCheck['key']; onProgress?: (position: bigint) => void } = {},
): Promise<LedgerVerification> {
  const problems: LedgerBreak[] = [];
  const own = loadSigningKey(config, { create: false });
  const ledgerKey = own ? { publicKey: own.publicKey, keyId: own.keyId } : undefined;
  const checkpoints: CheckpointToCheck[] = [];
  let local: Checkpoint | undefined;
  try {
    local = readLocalCheckpoint(config.dataDir);
  } catch (error) {
    problems.push({ problem: `the ledger's checkpoint (checkpoint.json) cannot be read: ${(error as Error).message}` });
  }
  if (local) {
    if (!ledgerKey) problems.push({ problem: "the ledger's checkpoint (checkpoint.json) cannot be checked: the ledger's signing key is gone" });
    checkpoints.push({ label: "checkpoint.json (the ledger's own)", checkpoint: local, key: ledgerKey });
  }
  const key = options.key ?? ledgerKey;
  const against = options.against ?? [];
  if (against.length > 0 && !key) {
    throw new NoKeyError('the ledger has no signing key to check the checkpoints with; name the public key they were signed with (--public-key FILE)');
  }
  for (const { label, checkpoint } of against) checkpoints.push({ label, checkpoint, key });
  const report = await verifyLedger(store, {
    onProgress: options.onProgress,
    checkpoints,
    storageCheck: store instanceof SqliteEventStore ? () => store.integrityCheck() : undefined,
  });
  // Each checkpoint kept elsewhere is also checked as a third party holding it would: by a
  // consistency proof from it to the log's root now. Where the whole read already found the log
  // does not extend it, that break says so; a proof that fails on its own is a break too.
  for (const result of report.checkpoints) {
    const given = against.find((a) => a.label === result.label);
    if (!given) continue;
    const check = await checkConsistency(store, report.audit.tree, given.checkpoint);
    result.consistency = { proved: check.consistent, pathLength: check.proof?.consistencyPath.length ?? 0, toSize: report.treeSize };
    if (!check.consistent && result.extended) {
      result.extended = false;
      report.breaks.push({ checkpoint: result.label, position: given.checkpoint.lastPosition ?? undefined, problem: `the checkpoint ${result.label}: ${check.problem}` });
      report.firstBreak ??= report.breaks[0]!;
    }
  }
  return { report, breaks: [...problems, ...report.breaks] };
}
