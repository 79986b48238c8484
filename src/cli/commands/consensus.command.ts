import { Option, type Command } from 'commander';
import { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { currentConsensusOf, currentConsensusView } from '../../read-side/current-consensus';
import { presentConsensus } from '../../read-side/consensus-presenter';
import { TimeTravel } from '../../read-side/time-travel.service';
import { explainClaim, type ClaimExplanation, type QuestionConsensus } from '../../../projections/consensus';
import { explainCurrentClaim } from '../../../projections/current-consensus/current-consensus.projection';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { claimExplanationMarkdown, claimExplanationText, consensusMarkdown, consensusTable } from '../consensus-table';
import { UsageError, withLedger } from '../ledger-context';
import { asOfOption, resolveQuestion } from '../question-argument';

type Format = 'table' | 'json' | 'markdown';

export function registerConsensus(program: Command): void {
  program
    .command('consensus')
    .description(
      "A question's computed consensus under its proof standard: each claim's label (open and unverified mean not " +
        'established: nothing in the record confirms the claim), strength, whether it is grounded in examined evidence, ' +
        'the stances beside the label (+endorse −dispute; they never move the strength), kind and text; the Markdown ' +
        'table adds a reading of each label. With --claim, why one claim stands where it does.',
    )
    .argument('<question>', 'the question id (or an unambiguous start of it)')
    .option(
      '--claim <claim>',
      "explain one claim (its id, or an unambiguous start of it): its label and reading, each contributor's share of the move " +
        'from the base score to the strength (they add up to strength − base), what grounds it, what stands against it, ' +
        'what would change it, and its stances',
    )
    .option('--as-of <iso>', 'as of this date or date-time (a bare date means the end of that day, UTC)')
    .addOption(new Option('--axis <axis>', 'the time axis of --as-of').choices(['recorded', 'occurred']))
    .addOption(new Option('--format <format>', 'output format (table: plain text)').choices(['table', 'json', 'markdown']).default('table'))
    .action(async (given: string, options: { claim?: string; asOf?: string; axis?: string; format: Format }) => {
      const asOf = asOfOption(options);
      await withLedger(async (app) => {
        const questionId = await resolveQuestion(app, given);
        const runner = app.get(ProjectionRunner);
        const title = runner.view(questionsProjection).questions.get(questionId)!.title;
        const heading = asOf ? `${title} (as of ${options.asOf}, ${asOf.axis} axis)` : title;

        if (asOf) {
          const { consensus, solution, position } = await app.get(TimeTravel).consensusAsOf(questionId, asOf);
          if (options.claim === undefined) return print(options.format, consensus, presentConsensus(consensus, position, asOf), heading);
          const claimId = resolveClaim(consensus, options.claim, ' as of then');
          return printExplanation(options.format, consensus, claimId, explainClaim(solution, claimId), { questionId, position });
        }

        const { consensus, position } = currentConsensusOf(runner, questionId);
        if (options.claim === undefined) return print(options.format, consensus, presentConsensus(consensus, position), heading);
        const claimId = resolveClaim(consensus, options.claim);
        return printExplanation(options.format, consensus, claimId, explainCurrentClaim(currentConsensusView(runner), questionId, claimId), { questionId, position });
      });
    });
}

function print(format: Format, consensus: QuestionConsensus, json: unknown, heading: string): void {
  if (format === 'json') console.log(JSON.stringify(json, null, 2));
  else if (format === 'markdown') console.log(consensusMarkdown(consensus, heading));
  else console.log(consensusTable(consensus, heading));
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
