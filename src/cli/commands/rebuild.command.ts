import type { Command } from 'commander';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { withLedger } from '../ledger-context';

export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description('Rebuild every projection from the event log and save the snapshot the server starts from')
    .action(async () => {
      await withLedger(async (app) => {
        const started = Date.now();
        const { events, position } = await app.get(ProjectionRunner).rebuild();
        console.log(`rebuilt every projection from ${events} events (up to position ${position ?? 'none'}) in ${Date.now() - started} ms.`);
      });
    });
}
