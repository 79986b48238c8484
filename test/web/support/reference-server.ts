import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Accounts } from '../../../src/accounts/accounts.service';
import { DebateImporter } from '../../../src/ledger/import/debate-importer';
import { parseDebateText, validateDebate } from '../../../src/ledger/import/validate-debate';
import { startTestApp, type TestApp } from '../../support/test-app';

export const REFERENCE_PATH = join(__dirname, '../../../examples/wais-soviet-red-cross.yaml');

export interface ReferenceServer {
  t: TestApp;
  /** http://127.0.0.1:<port>, the real server listening on a free port. */
  baseUrl: string;
  /** The reference question's id (its title starts "What was the relationship…"). */
  questionId: string;
  close(): Promise<void>;
}

/**
 * The real application (createApp, as `npm start` builds it) on a fresh embedded store, seeded with
 * the reference debate through the importer `claims import` uses, listening on a free loopback port
 * so that a browser can open it.
 */
export async function startReferenceServer(env: Record<string, string> = {}): Promise<ReferenceServer> {
  const t = await startTestApp(env);
  const text = readFileSync(REFERENCE_PATH, 'utf8');
  const { file, problems } = await validateDebate(parseDebateText(text, REFERENCE_PATH).document);
  if (!file) throw new Error(`the reference debate does not validate: ${JSON.stringify(problems.slice(0, 3))}`);
  const principal = await t.app.get(Accounts).principal(t.admin.id);
  await t.app.get(DebateImporter).import(file, { id: principal.id, name: principal.name, role: principal.role });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const questions = (await (await fetch(`${baseUrl}/api/questions`)).json()) as { id: string; parentQuestionId: string | null }[];
  const root = questions.find((q) => q.parentQuestionId === null);
  if (!root) throw new Error('the reference debate has no top-level question');
  return { t, baseUrl, questionId: root.id, close: () => t.close() };
}
