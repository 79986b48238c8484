import { Option, type Command } from 'commander';
import { join } from 'node:path';
import { loadConfig } from '../../config/ledger-config';
import { SQLITE_FILE_NAME } from '../../event-store/create-event-store';
import type { QuestionView } from '../../../projections/questions/questions.projection';
import { withLedger, withStore } from '../ledger-context';
import { questionSummaries, type QuestionSummary } from '../question-list';
import { outputWidth, textTable } from '../text-table';

/**
 * Text as it is compared by `--search`: case and accents set aside ("sovietica" finds "Soviética",
 * "VOLKOGONOV" finds "Volkogonov"), compatibility forms folded ("ﬁ" → "fi"), runs of space made one.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/\s+/g, ' ');
}

interface QuestionsOptions {
  search?: string;
  tag?: string[];
  status?: 'open' | 'resolved';
  json?: boolean;
}

/** Every question, each parent followed by its sub-questions, with their depth. */
function inTreeOrder(questions: Map<string, QuestionView>): { question: QuestionView; depth: number }[] {
  const ordered: { question: QuestionView; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (question: QuestionView, depth: number) => {
    if (seen.has(question.id)) return;
    seen.add(question.id);
    ordered.push({ question, depth });
    for (const id of question.subQuestionIds) {
      const sub = questions.get(id);
      if (sub) visit(sub, depth + 1);
    }
  };
  for (const question of questions.values()) if (question.parentQuestionId === null || !questions.has(question.parentQuestionId)) visit(question, 0);
  // A sub-question whose parent chain loops back is still listed.
  for (const question of questions.values()) visit(question, 0);
  return ordered;
}

/**
 * Every question with its counts. On SQLite, read from the store opened read-only without folding
 * the log (question-list.ts): well under a second on a 100k-event ledger. On EventStoreDB, which
 * cannot be asked for events by type, from the projections as the server restores them.
 */
async function readSummaries(): Promise<Map<string, QuestionSummary>> {
  if (loadConfig(process.env).store === 'sqlite') {
    return withStore(async (store, config) => {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(join(config.dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
      try {
        return await questionSummaries(store, db);
      } finally {
        db.close();
      }
    });
  }
  return withLedger(async (app) => {
    const [{ ProjectionRunner }, { questionsProjection }] = await Promise.all([
      import('../../projection-runtime/projection-runner'),
      import('../../../projections/questions/questions.projection'),
    ]);
    const runner = app.get(ProjectionRunner);
    await runner.readyForRead();
    const summaries = new Map<string, QuestionSummary>();
    for (const [id, question] of runner.view(questionsProjection).questions) {
      const claims = [...question.claims.values()];
      summaries.set(id, { question, claims: claims.length, liveClaims: claims.filter((c) => c.status === 'live').length, evidence: question.evidence.size });
    }
    return summaries;
  });
}

export function registerQuestions(program: Command): void {
  program
    .command('questions')
    .description('List the questions: id, status, claims, tags and title, each sub-question under its question')
    .option('--search <text>', 'only questions whose title, body or tags contain this text (case and accents aside)')
    .option('--tag <tag...>', 'only questions with this tag (several: any of them)')
    .addOption(new Option('--status <status>', 'only open or only resolved questions').choices(['open', 'resolved']))
    .option('--json', 'one JSON array, for scripts')
    .action(async (options: QuestionsOptions) => {
      const needle = options.search === undefined ? undefined : foldForSearch(options.search.trim());
      const all = await readSummaries();
      const questions = new Map([...all].map(([id, summary]) => [id, summary.question]));
      const listed = inTreeOrder(questions)
        .filter(({ question: q }) => {
          if (options.status && q.status !== options.status) return false;
          if (options.tag && !q.tags.some((tag) => options.tag!.includes(tag))) return false;
          if (needle && !foldForSearch([q.title, q.body, ...q.tags].join('\n')).includes(needle)) return false;
          return true;
        })
        .map(({ question, depth }) => ({ ...all.get(question.id)!, depth }));
      if (options.json) {
        const json = listed.map(({ question: q, claims, liveClaims, evidence }) => ({
          id: q.id,
          title: q.title,
          status: q.status,
          proofStandard: q.proofStandard,
          tags: q.tags,
          claims,
          liveClaims,
          evidence,
          parentQuestionId: q.parentQuestionId,
          subQuestionIds: q.subQuestionIds,
          openedBy: q.provenance.attributedTo.name,
          occurredAt: q.provenance.occurredAt,
          recordedAt: q.provenance.recordedAt,
        }));
        console.log(JSON.stringify(json, null, 2));
        return;
      }
      if (listed.length === 0) {
        console.log(questions.size === 0 ? 'The ledger has no questions yet.' : `No question matches (of ${questions.size}).`);
        return;
      }
      const width = outputWidth();
      const tagsWidth = Math.min(24, Math.max(4, ...listed.map(({ question: q }) => q.tags.join(', ').length)));
      const fixed = 8 + 8 + 6 + tagsWidth + 4 * 2;
      const rows = listed.map(({ question: q, liveClaims, depth }) => [
        q.id.slice(0, 8),
        q.status,
        `${liveClaims}`,
        q.tags.join(', '),
        `${'  '.repeat(depth)}${depth > 0 ? '↳ ' : ''}${q.title}`,
      ]);
      console.log(
        textTable({ head: ['id', 'status', 'claims', 'tags', 'title'], widths: [8, 8, 6, tagsWidth, Math.max(20, width - fixed)], align: ['left', 'left', 'right'] }, rows),
      );
      const shown = listed.length === questions.size ? `${listed.length} questions` : `${listed.length} of ${questions.size} questions`;
      console.log(`\n${shown}; claims counts live claims. Give an id (or its start) to claims consensus, replay or export.`);
    });
}
