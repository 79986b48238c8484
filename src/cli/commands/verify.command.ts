import type { Command } from 'commander';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { verifyLedger } from '../../ledger/integrity/verify-ledger';
import { withLedger } from '../ledger-context';
import { progressBar } from '../progress-bar';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("Recompute every stream's hash chain; name the first broken event and exit 1 on any break")
    .action(async () => {
      await withLedger(async (app) => {
        const store = app.get<EventStore>(EVENT_STORE);
        const head = (await store.headPosition()) ?? 0n;
        const bar = progressBar('verifying');
        const report = await verifyLedger(store, (position) => bar.update(Number(position), Number(head)));
        bar.done();
        if (report.firstBreak) {
          const b = report.firstBreak;
          console.error(`BROKEN: event ${b.eventId} in stream ${b.stream} at revision ${b.revision} (position ${b.position}): ${b.problem}`);
          process.exitCode = 1;
          return;
        }
        console.log(`ok: ${report.events} events in ${report.streams} hash-chained streams verified; no break.`);
      });
    });
}
