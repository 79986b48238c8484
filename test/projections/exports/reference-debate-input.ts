import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consensusForExport, type ExportInput } from '../../../projections/exports';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { sourcesProjection } from '../../../projections/sources/sources.projection';
import { Accounts } from '../../../src/accounts/accounts.service';
import { DebateImporter } from '../../../src/ledger/import/debate-importer';
import { parseDebateText, validateDebate } from '../../../src/ledger/import/validate-debate';
import { ProjectionRunner } from '../../../src/projection-runtime/projection-runner';
import { currentConsensusOf } from '../../../src/read-side/current-consensus';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * The reference debate (examples/wais-soviet-red-cross.yaml) imported into the real application and
 * read back as an export's input: its main question, its sources and its consensus, exactly as
 * `GET /api/questions/:id/export` would build them. For the tests that feed an export to the tool its
 * readers open it with (citeproc-js, pandoc, python-prov).
 */
export interface ReferenceDebate {
  app: TestApp;
  /** The ids the import gave each entry, by the entry's key. */
  ids: Record<string, string>;
  input: ExportInput;
  close(): Promise<void>;
}

export async function importReferenceDebate(questionKey = 'q-main'): Promise<ReferenceDebate> {
  const path = join(__dirname, '../../../examples/wais-soviet-red-cross.yaml');
  const { file, problems } = await validateDebate(parseDebateText(readFileSync(path, 'utf8'), path).document);
  if (!file) throw new Error(`the reference debate does not validate: ${JSON.stringify(problems)}`);
  const app = await startTestApp();
  try {
    const principal = await app.app.get(Accounts).principal(app.admin.id);
    const { ids } = await app.app.get(DebateImporter).import(file, { id: principal.id, name: principal.name, role: principal.role });
    const runner = app.app.get(ProjectionRunner);
    const questions = runner.view(questionsProjection).questions;
    const question = questions.get(ids[questionKey]!)!;
    const input: ExportInput = {
      question,
      subQuestions: question.subQuestionIds.map((id) => questions.get(id)!),
      sources: runner.view(sourcesProjection).sources,
      consensus: consensusForExport(currentConsensusOf(runner, question.id).consensus),
    };
    return { app, ids, input, close: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}
