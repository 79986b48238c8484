import { Option, type Command } from 'commander';
import { presentConsensus } from '../../read-side/consensus-presenter';
import { explainClaim, type ClaimExplanation, type QuestionConsensus } from '../../../projections/consensus';
import { claimExplanationMarkdown, claimExplanationText, consensusMarkdown, consensusTable } from '../consensus-table';
import { UsageError, withStore } from '../ledger-context';
import { AS_OF_HELP, asOfOption, AXIS_HELP } from '../question-argument';
import { consensusOf, readQuestion, resolveQuestionId } from '../question-reader';
import { outputWidth } from '../text-table';

type Format = 'table' | 'json' | 'markdown';

export function registerConsensus(program: Command): void {
  program
    .command('consensus')
    .description(
      "A question's computed consensus under its proof standard: each claim's label (open and unverified mean not " +
        'established: nothing in the record confirms the claim), strength, whether it is grounded in examined evidence, ' +
        'the stances beside the label (+endorse −dispute; they never move the strength), kind and text, and under each ' +
        'the why: what its label means for it. With --claim, why one claim stands where it does.',
    )
    .argument('<question>', 'the question id (or an unambiguous start of it)')
    .option(
      '--claim <claim>',
      "explain one claim (its id, or an unambiguous start of it): its label and reading, each contributor's share of the move " +
        'from the base score to the strength (they add up to strength − base), what grounds it, what stands against it, ' +
        'what would change it, and its stances',
    )
    .option('--as-of <date|@position>', AS_OF_HELP)
    .addOption(new Option('--axis <axis>', AXIS_HELP).choices(['recorded', 'occurred']))
    .option('--wide', "the table with every claim's whole text and reading (the why), wrapped, instead of one line each")
    .addOption(new Option('--format <format>', 'output format (table: plain text)').choices(['table', 'json', 'markdown']).default('table'))
    .action(async (given: string, options: { claim?: string; asOf?: string; axis?: string; format: Format; wide?: boolean }) => {
      const asOf = asOfOption(options);
      await withStore(async (store, config) => {
        const questionId = await resolveQuestionId(store, config, given);
        const read = await readQuestion(store, questionId, asOf);
        if (!read) throw new UsageError(`question ${given} had not been opened as of ${options.asOf}`);
        const title = read.question.title;
        const heading = asOf ? `${title} (as of ${options.asOf}, ${asOf.axis} axis)` : title;
        const solution = consensusOf(read, config, asOf);
        const { consensus } = solution;
        if (options.claim === undefined) return print(options, consensus, presentConsensus(consensus, read.position, asOf), heading);
        const claimId = resolveClaim(consensus, options.claim, asOf ? ' as of then' : '');
        return printExplanation(options.format, consensus, claimId, explainClaim(solution, claimId), { questionId, position: read.position });
      });
    });
}

function print(options: { format: Format; wide?: boolean }, consensus: QuestionConsensus, json: unknown, heading: string): void {
  if (options.format === 'json') console.log(JSON.stringify(json, null, 2));
  else if (options.format === 'markdown') console.log(consensusMarkdown(consensus, heading));
  else console.log(consensusTable(consensus, heading, { wide: options.wide, width: outputWidth() }));
}

function printExplanation(
  format: Format,
  consensus: QuestionConsensus,
  claimId: string,
  explanation: ClaimExplanation | undefined,
  at: { questionId: string; position: bigint | null },
): void {
  const claim = consensus.claims.find((c) => c.id === claimId)!;
  // The consensus was just read, so its engine can explain every claim it lists.
  if (!explanation) throw new Error(`no explanation for claim ${claimId}`);
  if (format === 'json') {
    console.log(JSON.stringify({ questionId: at.questionId, position: at.position?.toString() ?? null, text: claim.text, kind: claim.kind, grounded: claim.grounded, ...explanation }, null, 2));
  } else if (format === 'markdown') console.log(claimExplanationMarkdown(explanation, claim));
  else console.log(claimExplanationText(explanation, claim));
}

/** A claim of the question named by its id, or by the start of its id when that is unambiguous. */
function resolveClaim(consensus: QuestionConsensus, given: string, when = ''): string {
  const ids = consensus.claims.map((c) => c.id);
  if (ids.includes(given)) return given;
  const matches = ids.filter((id) => id.startsWith(given.toLowerCase()));
  if (matches.length === 1) return matches[0]!;
  throw new UsageError(
    matches.length === 0 ? `--claim: the question has no claim ${given}${when}` : `--claim: ${given} names ${matches.length} claims; give more of the id`,
  );
}
