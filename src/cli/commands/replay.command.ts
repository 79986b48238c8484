import { Option, type Command } from 'commander';
import { TimeTravel } from '../../read-side/time-travel.service';
import { includesEvent } from '../../../projections/time-travel/as-of';
import { withLedger } from '../ledger-context';
import { lineReader } from '../line-reader';
import { asOfOption, resolveQuestion } from '../question-argument';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('Step through a debate in order, with the consensus after each event')
    .argument('<question>', 'the question id (or an unambiguous start of it)')
    .option('--as-of <iso>', 'stop at this date or date-time')
    .addOption(new Option('--axis <axis>', 'the time axis of --as-of').choices(['recorded', 'occurred']))
    .option('--step', 'wait for Enter after each event')
    .action(async (given: string, options: { asOf?: string; axis?: string; step?: boolean }) => {
      const asOf = asOfOption(options);
      await withLedger(async (app) => {
        const questionId = await resolveQuestion(app, given);
        const enter = options.step ? lineReader() : undefined;
        let shown = 0;
        try {
          for await (const { event, consensus } of app.get(TimeTravel).replay(questionId)) {
            if (asOf && !includesEvent(asOf, event)) continue;
            const m = event.metadata as { attributedTo?: { name?: string }; occurredAt?: string };
            const counts = consensus.claims.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.label]: (acc[c.label] ?? 0) + 1 }), {});
            console.log(`#${++shown} ${m.occurredAt?.slice(0, 16).replace('T', ' ')} ${m.attributedTo?.name ?? ''}: ${event.type}`);
            console.log(`   status ${consensus.status}; ${Object.entries(counts).map(([label, n]) => `${n} ${label}`).join(', ') || 'no claims yet'}`);
            if (enter) {
              process.stderr.write('   (Enter for the next event) ');
              await enter.next();
            }
          }
        } finally {
          enter?.close();
        }
        console.log(`${shown} events replayed.`);
      });
    });
}
