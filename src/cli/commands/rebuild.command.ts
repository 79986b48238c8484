import type { Command } from 'commander';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { withLedger } from '../ledger-context';
import { progressBar } from '../progress-bar';

export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description('Rebuild every projection from the event log and save the snapshot the server starts from')
    .action(async () => {
      await withLedger(async (app) => {
        const started = Date.now();
        const head = (await app.get<EventStore>(EVENT_STORE).headPosition()) ?? 0n;
        const bar = progressBar('rebuilding');
        const { events, position } = await app.get(ProjectionRunner).rebuild((at) => bar.update(Number(at), Number(head)));
        bar.update(Number(head), Number(head));
        bar.done();
        console.log(`rebuilt every projection from ${events} events (up to position ${position ?? 'none'}) in ${Date.now() - started} ms.`);
      });
    });
}
