import { Option, type Command } from 'commander';
import { asOfInstant } from '../../read-side/question-export';
import { consensusForExport, EXPORT_FORMATS, exportQuestion, type ExportFormat } from '../../../projections/exports';
import type { SourceView } from '../../../projections/sources/sources.projection';
import { reliabilityAsOf } from '../../../projections/time-travel/as-of';
import { UsageError, withStore } from '../ledger-context';
import { AS_OF_HELP, asOfOption, AXIS_HELP } from '../question-argument';
import { consensusOf, readQuestion, resolveQuestionId } from '../question-reader';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Export a question with its claims, evidence, sources and computed consensus, now or as of a moment, to standard output')
    .argument('<question>', 'the question id (or an unambiguous start of it)')
    .addOption(
      new Option(
        '--format <format>',
        'markdown: a report with footnoted sources; json: the consensus view; prov: W3C PROV-JSON; aif: AIF JSON; argdown; dot and mermaid: the argument graph coloured by label; csl: CSL-JSON of the cited sources',
      )
        .choices([...EXPORT_FORMATS])
        .makeOptionMandatory(),
    )
    .option('--as-of <date|@position>', AS_OF_HELP)
    .addOption(new Option('--axis <axis>', AXIS_HELP).choices(['recorded', 'occurred']))
    .action(async (given: string, options: { format: ExportFormat; asOf?: string; axis?: string }) => {
      // Checked before the ledger is opened: a mistyped date costs nothing.
      const asOf = asOfOption(options);
      await withStore(async (store, config) => {
        const questionId = await resolveQuestionId(store, config, given);
        const read = await readQuestion(store, questionId, asOf);
        if (!read) throw new UsageError(`question ${given} had not been opened as of ${options.asOf}`);
        const { question } = read;
        const subQuestions = [];
        for (const id of question.subQuestionIds) {
          const sub = await readQuestion(store, id, undefined, { sources: false });
          if (sub) subQuestions.push(sub.question);
        }
        // As the API's export (GET /api/questions/:id/export): each source as appraised at the moment.
        const sources = new Map<string, SourceView>();
        for (const [id, source] of read.sources.sources) sources.set(id, asOf ? { ...source, reliability: reliabilityAsOf(source, asOf) } : source);
        // The report says which moment, on which axis, at which ledger position, and when it was made.
        const moment = {
          ...(asOf ? { asOf: await asOfInstant(store, asOf), axis: asOf.axis } : {}),
          ...(read.position !== null ? { position: read.position } : {}),
          madeAt: new Date().toISOString(),
        };
        const consensus = consensusForExport(consensusOf(read, config, asOf).consensus, moment);
        process.stdout.write(exportQuestion(options.format, { question, subQuestions, sources, consensus }));
      });
    });
}
