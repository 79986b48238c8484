import { Option, type Command } from 'commander';
import { questionStream } from '../../../contract/event-catalogue';
import { projectedEvent } from '../../projection-runtime/projected-event';
import { sourceLookupAsOf } from '../../../projections/sources/source-lookup';
import { includesEvent } from '../../../projections/time-travel/as-of';
import { QuestionHistory } from '../../../projections/timeline/question-history';
import { idPrefixLength } from '../consensus-table';
import { UsageError, withStore } from '../ledger-context';
import { ReplayNarrator } from '../replay-steps';
import { stepReader } from '../step-reader';
import { AS_OF_HELP, asOfOption, AXIS_HELP } from '../question-argument';
import { readQuestion, resolveQuestionId, verifiedStream } from '../question-reader';
import { outputWidth } from '../text-table';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      'The debate in order: each event with what it says (the claim, the relation, the evidence…), which claims it moved ' +
        'from one label to another, and why each stands where it now does',
    )
    .argument('<question>', 'the question id (or an unambiguous start of it)')
    .option('--as-of <date|@position>', `only the events up to this moment: ${AS_OF_HELP}`)
    .addOption(new Option('--axis <axis>', AXIS_HELP).choices(['recorded', 'occurred']))
    .option('--step', 'wait after each event: Enter (or space, on a terminal) for the next, q to quit')
    .option('--json', 'one JSON object per line and event (step, position, type, by, summary, data, status, changes), for scripts')
    .action(async (given: string, options: { asOf?: string; axis?: string; step?: boolean; json?: boolean }) => {
      const asOf = asOfOption(options);
      await withStore(async (store, config) => {
        const questionId = await resolveQuestionId(store, config, given);
        // Read whole first: the sources it names, and its claims' ids (named as the consensus table names them).
        const read = await readQuestion(store, questionId);
        if (!read) throw new UsageError(`no question ${given}`);
        const width = outputWidth();
        const narrator = new ReplayNarrator(read.sources.sources, idPrefixLength([...read.question.claims.keys()]));
        const history = new QuestionHistory(questionId, config.consensus);
        const input = options.step ? stepReader() : undefined;
        let shown = 0;
        let quit = false;
        try {
          for await (const recorded of verifiedStream(store, questionStream(questionId))) {
            const event = projectedEvent(recorded);
            // Each source as it stood right after the event: as the API's replay (TimeTravel.replay) reads it.
            const step = event && history.step(event, sourceLookupAsOf(read.sources, { axis: 'recorded', position: recorded.position }));
            if (!step) continue;
            // Told even when left out, so later events can name the claims and evidence it introduced.
            const report = narrator.tell(recorded, step.consensus);
            if (asOf && !includesEvent(asOf, recorded)) continue;
            shown++;
            if (options.json) console.log(JSON.stringify({ ...report, step: shown }));
            else console.log([...narrator.lines({ ...report, step: shown }, width), ''].join('\n'));
            if (input) {
              process.stderr.write(input.prompt);
              const answer = await input.next();
              process.stderr.write('\n');
              if (answer === 'quit') {
                quit = true;
                break;
              }
            }
          }
        } finally {
          input?.close();
        }
        if (!options.json) console.log(quit ? `Stopped after ${shown} events (q).` : `${shown} events replayed.`);
      });
    });
}
