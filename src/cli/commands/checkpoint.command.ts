import type { Command } from 'commander';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store';
import { formatCheckpoint, readLocalCheckpoint, signCheckpoint, writeCheckpointFile, writeLocalCheckpoint } from '../../ledger/integrity/checkpoint';
import { loadSigningKey } from '../../ledger/integrity/signing-key';
import { verifyLedger } from '../../ledger/integrity/verify-ledger';
import { withLedger } from '../ledger-context';
import { progressBar } from '../progress-bar';

export function registerCheckpoint(program: Command): void {
  program
    .command('checkpoint')
    .description(
      "Verify the whole log, then sign its head (the Merkle root over every event, each stream's head) with the ledger's Ed25519 key and write the checkpoint as JSON: keep it elsewhere, and claims verify --against FILE shows whether the log still extends it",
    )
    .option('--out <file>', 'where to write the checkpoint (default: standard output)')
    .action(async (options: { out?: string }) => {
      await withLedger(async (app, config) => {
        const store = app.get<EventStore>(EVENT_STORE);
        const key = loadSigningKey(config, { create: true })!;
        const local = readLocalCheckpoint(config.dataDir);
        const head = (await store.headPosition()) ?? 0n;
        const bar = progressBar('verifying');
        const report = await verifyLedger(store, {
          onProgress: (position) => bar.update(Number(position), Number(head)),
          checkpoints: local ? [{ label: "checkpoint.json (the ledger's own)", checkpoint: local, key }] : [],
          storageCheck: store instanceof SqliteEventStore ? () => store.integrityCheck() : undefined,
        });
        bar.done();
        if (report.breaks.length > 0) {
          for (const b of report.breaks.slice(0, 20)) console.error(`BROKEN: ${b.eventId ? `event ${b.eventId} (position ${b.position}): ` : b.position ? `position ${b.position}: ` : ''}${b.problem}`);
          console.error('claims: the log has breaks (claims verify names them all); no checkpoint is signed over it');
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
