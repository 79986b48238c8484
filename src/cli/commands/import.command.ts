import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { DebateImporter, ImportRefusedError } from '../../ledger/import/debate-importer';
import { describeProblem, parseDebateText, validateDebate } from '../../ledger/import/validate-debate';
import { Accounts } from '../../accounts/accounts.service';
import { UsageError, withLedger } from '../ledger-context';
import { progressBar } from '../progress-bar';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Import a debate file (JSON or YAML, format claims-ledger/debate@1): validates it whole, then appends each entry once')
    .argument('<file>', 'the debate file')
    .option('--as <principal>', 'the principal recorded as having imported it (default: the first admin)')
    .action(async (path: string, options: { as?: string }) => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        throw new Error(`cannot read ${path}: ${(error as Error).message}`);
      }
      const parsed = parseDebateText(text, path);
      const { file, problems } = parsed.document === undefined ? { file: undefined, problems: parsed.problems } : await validateDebate(parsed.document);
      if (!file) {
        console.error(`${path}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written.`);
        for (const problem of problems) console.error(`  ${describeProblem(problem)}`);
        process.exitCode = 1;
        return;
      }
      await withLedger(async (app, config) => {
        const bar = progressBar('importing');
        try {
          const accounts = app.get(Accounts);
          const admin = await accounts.ensureAdmin(config, (message) => console.error(message));
          const chosen = options.as ? await accounts.principal(options.as) : admin;
          if (chosen.role === 'reader') throw new UsageError(`--as: ${chosen.name} is a reader and cannot write`);
          const principal = { id: chosen.id, name: chosen.name, role: chosen.role };
          const summary = await app.get(DebateImporter).import(file, principal, (done, total) => bar.update(done, total));
          bar.done();
          console.log(
            `${path}: ${summary.entries} entries; ${summary.appended} appended (${summary.events} events), ${summary.alreadyPresent} already in the ledger.`,
          );
          for (const questionId of summary.questionIds) console.log(`  question ${questionId}`);
        } catch (error) {
          bar.done();
          if (!(error instanceof ImportRefusedError)) throw error;
          console.error(`${path}: refused at ${error.message}`);
          console.error(`  ${error.summary.appended} earlier entries were appended; fix the entry and import again (entries already in the ledger are skipped).`);
          process.exitCode = 1;
        }
      }, { create: true });
    });
}
