import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { parseCheckpoint, type Checkpoint } from '../../ledger/integrity/checkpoint';
import { keyIdOf, parsePublicKey } from '../../ledger/integrity/signing-key';
import { NoKeyError, verifyLedgerWithCheckpoints, type LedgerVerification } from '../../ledger/integrity/verify-data-dir';
import type { LedgerBreak, VerificationReport } from '../../ledger/integrity/verify-ledger';
import { UsageError, withLedger } from '../ledger-context';
import { progressBar } from '../progress-bar';

/** How many breaks are printed; the rest are counted. */
const PRINTED_BREAKS = 100;

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      "Verify the whole log: every event's hash and its stream's chain (no event may lack a hash), the SQLite file, and that the log extends the ledger's last checkpoint and every --against checkpoint; name each break and exit 1 on any",
    )
    .option('--against <file...>', 'checkpoints kept elsewhere (written by claims checkpoint --out): the log must still extend each, shown too by a consistency proof from each to the log now')
    .option('--public-key <file>', "the PEM public key the checkpoints must be signed with (default: the ledger's own key)")
    .action(async (options: { against?: string[]; publicKey?: string }) => {
      const against = (options.against ?? []).map((file) => ({ file, checkpoint: readCheckpointFile(file) }));
      const givenKey = options.publicKey === undefined ? undefined : readPublicKeyFile(options.publicKey);
      await withLedger(async (app, config) => {
        const store = app.get<EventStore>(EVENT_STORE);
        const head = (await store.headPosition()) ?? 0n;
        const bar = progressBar('verifying');
        let verification: LedgerVerification;
        try {
          verification = await verifyLedgerWithCheckpoints(config, store, {
            against: against.map(({ file, checkpoint }) => ({ label: file, checkpoint })),
            key: givenKey,
            onProgress: (position) => bar.update(Number(position), Number(head)),
          });
        } catch (error) {
          if (error instanceof NoKeyError) throw new UsageError(error.message);
          throw error;
        }
        bar.done();
        const { report, breaks } = verification;
        if (breaks.length > 0) {
          printBreaks(breaks, report);
          process.exitCode = 1;
          return;
        }
        console.log(`ok: ${report.events} events in ${report.streams} hash-chained streams verified; no break.`);
        console.log(`ok: Merkle root ${report.rootHash} over ${report.treeSize} events.`);
        for (const c of report.checkpoints) {
          console.log(`ok: the log extends ${c.label}: its first ${c.treeSize} events hash to the root signed ${c.timestamp}.`);
          if (c.consistency?.proved) {
            console.log(`ok: consistency proof (RFC 9162) from ${c.label} to the ${c.consistency.toSize} events now: ${c.consistency.pathLength} hash${c.consistency.pathLength === 1 ? '' : 'es'}, leading from the root it signed.`);
          }
        }
        if (report.checkpoints.length === 0) {
          console.error('claims: no checkpoint to compare the log with, so events deleted from its end could not be seen; keep checkpoints elsewhere (claims checkpoint --out FILE)');
        }
      });
    });
}

function readCheckpointFile(file: string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--against ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseCheckpoint(text);
  } catch (error) {
    throw new UsageError(`--against ${file}: not a checkpoint: ${(error as Error).message}`);
  }
}

function readPublicKeyFile(file: string) {
  try {
    const publicKey = parsePublicKey(readFileSync(file, 'utf8'));
    return { publicKey, keyId: keyIdOf(publicKey) };
  } catch (error) {
    throw new UsageError(`--public-key ${file}: ${(error as Error).message}`);
  }
}

function printBreaks(breaks: LedgerBreak[], report: VerificationReport): void {
  for (const b of breaks.slice(0, PRINTED_BREAKS)) {
    const where = b.eventId
      ? `event ${b.eventId} in stream ${b.stream} at revision ${b.revision} (position ${b.position})`
      : b.stream
        ? `stream ${b.stream} at revision ${b.revision} (position ${b.position})`
        : b.position
          ? `position ${b.position}`
          : undefined;
    console.error(`BROKEN: ${where ? `${where}: ` : ''}${b.problem}`);
  }
  if (breaks.length > PRINTED_BREAKS) console.error(`… and ${breaks.length - PRINTED_BREAKS} more breaks`);
  if (report.followingBreaks > 0) {
    console.error(`${report.followingBreaks} later events follow a broken event of their stream; the server refuses them too`);
  }
  console.error(`${breaks.length} break${breaks.length === 1 ? '' : 's'} in ${report.events} events.`);
}
