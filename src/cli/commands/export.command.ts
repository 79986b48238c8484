import { Option, type Command } from 'commander';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { currentConsensusOf } from '../../read-side/current-consensus';
import { consensusForExport, EXPORT_FORMATS, exportQuestion, type ExportFormat } from '../../../projections/exports';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { sourcesProjection } from '../../../projections/sources/sources.projection';
import { withLedger } from '../ledger-context';
import { resolveQuestion } from '../question-argument';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Export a question with its claims, evidence, sources and computed consensus, to standard output')
    .argument('<question>', 'the question id (or an unambiguous start of it)')
    .addOption(new Option('--format <format>', 'markdown: a report with footnoted sources; json: the consensus view; prov: W3C PROV-JSON; aif: AIF JSON; argdown; dot and mermaid: the argument graph coloured by label; csl: CSL-JSON of the cited sources').choices([...EXPORT_FORMATS]).makeOptionMandatory())
    .action(async (given: string, options: { format: ExportFormat }) => {
      await withLedger(async (app) => {
        const questionId = await resolveQuestion(app, given);
        const runner = app.get(ProjectionRunner);
        const questions = runner.view(questionsProjection).questions;
        const question = questions.get(questionId)!;
        const { consensus } = currentConsensusOf(runner, questionId);
        process.stdout.write(
          exportQuestion(options.format, {
            question,
            subQuestions: question.subQuestionIds.map((id) => questions.get(id)).filter((q) => q !== undefined),
            sources: runner.view(sourcesProjection).sources,
            consensus: consensusForExport(consensus),
          }),
        );
      });
    });
}
