import { Option, type Command } from 'commander';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { currentConsensusOf } from '../../read-side/current-consensus';
import { presentConsensus } from '../../read-side/consensus-presenter';
import { TimeTravel } from '../../read-side/time-travel.service';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { consensusMarkdown, consensusTable } from '../consensus-table';
import { withLedger } from '../ledger-context';
import { asOfOption, resolveQuestion } from '../question-argument';

export function registerConsensus(program: Command): void {
  program
    .command('consensus')
    .description("A question's computed consensus: each claim's label, strength, grounded status and why")
    .argument('<question>', 'the question id (or an unambiguous start of it)')
    .option('--as-of <iso>', 'as of this date or date-time (a bare date means the end of that day, UTC)')
    .addOption(new Option('--axis <axis>', 'the time axis of --as-of').choices(['recorded', 'occurred']))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .action(async (given: string, options: { asOf?: string; axis?: string; format: 'table' | 'json' | 'markdown' }) => {
      const asOf = asOfOption(options);
      await withLedger(async (app) => {
        const questionId = await resolveQuestion(app, given);
        const runner = app.get(ProjectionRunner);
        const { consensus, position } = asOf
          ? await app.get(TimeTravel).consensusAsOf(questionId, asOf)
          : currentConsensusOf(runner, questionId);
        const title = runner.view(questionsProjection).questions.get(questionId)!.title;
        const heading = asOf ? `${title} (as of ${options.asOf}, ${asOf.axis} axis)` : title;
        if (options.format === 'json') console.log(JSON.stringify(presentConsensus(consensus, position, asOf), null, 2));
        else if (options.format === 'markdown') console.log(consensusMarkdown(consensus, heading));
        else console.log(consensusTable(consensus, heading));
      });
    });
}
