import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store';
import { formatCheckpoint, parseCheckpoint, readLocalCheckpoint, signCheckpoint, writeCheckpointFile, writeLocalCheckpoint, type Checkpoint } from '../../ledger/integrity/checkpoint';
import { checkConsistency } from '../../ledger/integrity/consistency-check';
import type { ConsistencyProof } from '../../ledger/integrity/tree-reader';
import { loadSigningKey } from '../../ledger/integrity/signing-key';
import { verifyLedger, type CheckpointToCheck } from '../../ledger/integrity/verify-ledger';
import { UsageError, withLedger } from '../ledger-context';
import { progressBar } from '../progress-bar';

export function registerCheckpoint(program: Command): void {
  program
    .command('checkpoint')
    .description(
      "Verify the whole log, then sign its head (the Merkle root over every event, each stream's head) with the ledger's Ed25519 key and write the checkpoint as JSON: keep it elsewhere, and claims verify --against FILE shows whether the log still extends it",
    )
    .option('--out <file>', 'where to write the checkpoint (default: standard output)')
    .option('--consistent-with <file>', 'an older checkpoint (kept elsewhere): check by a consistency proof that its log is a prefix of the one signed now; nothing is signed if it is not')
    .option('--proof <file>', 'with --consistent-with: write that consistency proof here (JSON, with the new checkpoint), for anyone holding the old checkpoint to check (docs/tamper-evidence.md)')
    .action(async (options: { out?: string; consistentWith?: string; proof?: string }) => {
      if (options.proof !== undefined && options.consistentWith === undefined) {
        throw new UsageError('--proof: needs --consistent-with FILE, the older checkpoint the proof starts from');
      }
      const older = options.consistentWith === undefined ? undefined : readCheckpointFile('--consistent-with', options.consistentWith);
      await withLedger(async (app, config) => {
        const store = app.get<EventStore>(EVENT_STORE);
        const key = loadSigningKey(config, { create: true })!;
        const local = readLocalCheckpoint(config.dataDir);
        const head = (await store.headPosition()) ?? 0n;
        const bar = progressBar('verifying');
        const checkpoints: CheckpointToCheck[] = [];
        if (local) checkpoints.push({ label: "checkpoint.json (the ledger's own)", checkpoint: local, key });
        if (older) checkpoints.push({ label: options.consistentWith!, checkpoint: older, key });
        const report = await verifyLedger(store, {
          onProgress: (position) => bar.update(Number(position), Number(head)),
          checkpoints,
          storageCheck: store instanceof SqliteEventStore ? () => store.integrityCheck() : undefined,
        });
        bar.done();
        if (report.breaks.length > 0) {
          for (const b of report.breaks.slice(0, 20)) console.error(`BROKEN: ${b.eventId ? `event ${b.eventId} (position ${b.position}): ` : b.position ? `position ${b.position}: ` : ''}${b.problem}`);
          console.error('claims: the log has breaks (claims verify names them all); no checkpoint is signed over it');
          process.exitCode = 1;
          return;
        }
        // The old checkpoint is checked as its holder would: by the proof alone, against the root it signed.
        const consistency = older ? await checkConsistency(store, report.audit.tree, older) : undefined;
        if (consistency && !consistency.consistent) {
          console.error(`BROKEN: the checkpoint ${options.consistentWith}: ${consistency.problem}`);
          console.error('claims: no checkpoint is signed over a log that does not extend the older one');
          process.exitCode = 1;
          return;
        }
        const checkpoint = signCheckpoint(report.audit, key);
        if (!local || local.treeSize <= checkpoint.treeSize) writeLocalCheckpoint(config.dataDir, checkpoint);
        if (options.out) {
          writeCheckpointFile(options.out, checkpoint);
          console.error(`claims: checkpoint of ${checkpoint.treeSize} events (root ${checkpoint.rootHash}) signed with key ${key.keyId}, written to ${options.out}`);
        } else {
          process.stdout.write(formatCheckpoint(checkpoint));
        }
        if (older && consistency) {
          const hashes = consistency.proof?.consistencyPath.length ?? 0;
          console.error(
            `claims: the ${older.treeSize}-event log of ${options.consistentWith} (signed ${older.timestamp}) is a prefix of this one: consistency proof of ${hashes} hash${hashes === 1 ? '' : 'es'}`,
          );
          if (options.proof && consistency.proof) {
            writeProofFile(options.proof, consistency.proof, checkpoint);
            console.error(`claims: the proof is in ${options.proof} (check it with verify-consistency.mjs, docs/tamper-evidence.md)`);
          } else if (options.proof) {
            console.error(`claims: ${options.consistentWith} signs the empty log, a prefix of every log: there is no proof to write`);
          }
        }
      });
    });

  program
    .command('public-key')
    .description("Print the ledger's public key (PEM), which checks its checkpoints; the key pair is made on first use")
    .action(async () => {
      await withLedger(async (_app, config) => {
        const key = loadSigningKey(config, { create: true })!;
        console.error(`claims: Ed25519 key ${key.keyId} (from ${key.source})`);
        process.stdout.write(key.publicKeyPem);
      });
    });
}

function readCheckpointFile(option: string, file: string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseCheckpoint(text);
  } catch (error) {
    throw new UsageError(`${option} ${file}: not a checkpoint: ${(error as Error).message}`);
  }
}

/** The proof as GET /api/checkpoints/consistency answers it, the new checkpoint (without its stream list) inside; written whole, then renamed. */
function writeProofFile(file: string, proof: ConsistencyProof, checkpoint: Checkpoint): void {
  const { streams: _, ...signed } = checkpoint;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ ...proof, checkpoint: signed }, null, 2)}\n`);
  renameSync(temporary, file);
}
