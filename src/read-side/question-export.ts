import type { EventStore } from '../event-store/event-store.port';
import type { ProjectionRunner } from '../projection-runtime/projection-runner';
import { NotFoundError } from '../ledger/domain-error';
import { consensusForExport, exportQuestion, type ExportFormat, type ExportInput } from '../../projections/exports';
import { questionsProjection, type QuestionView } from '../../projections/questions/questions.projection';
import { sourcesProjection, type SourceView } from '../../projections/sources/sources.projection';
import { reliabilityAsOf, type AsOf } from '../../projections/time-travel/as-of';
import { currentConsensusSliced } from './current-consensus';
import type { TimeTravel } from './time-travel.service';

/**
 * The export formats as the API names them (`?format=`), with the exporter each one runs, its media
 * type and its file name extension. The JSON formats get their registered or conventional types; the
 * text formats say UTF-8, since claims and titles are not ASCII (Волкогонов, “…”).
 */
export const HTTP_EXPORT_FORMATS = {
  json: { format: 'json', mediaType: 'application/json', extension: 'json' },
  markdown: { format: 'markdown', mediaType: 'text/markdown; charset=utf-8', extension: 'md' },
  'csl-json': { format: 'csl', mediaType: 'application/vnd.citationstyles.csl+json', extension: 'csl.json' },
  argdown: { format: 'argdown', mediaType: 'text/plain; charset=utf-8', extension: 'argdown' },
  dot: { format: 'dot', mediaType: 'text/vnd.graphviz; charset=utf-8', extension: 'dot' },
  mermaid: { format: 'mermaid', mediaType: 'text/plain; charset=utf-8', extension: 'mmd' },
  'prov-json': { format: 'prov', mediaType: 'application/json', extension: 'prov.json' },
  aif: { format: 'aif', mediaType: 'application/json', extension: 'aif.json' },
} as const satisfies Record<string, { format: ExportFormat; mediaType: string; extension: string }>;

export type HttpExportFormat = keyof typeof HTTP_EXPORT_FORMATS;
export const HTTP_EXPORT_FORMAT_NAMES = Object.keys(HTTP_EXPORT_FORMATS) as HttpExportFormat[];

/** The CLI's names (`csl`, `prov`) are taken too, so a name that works on one side works on the other. */
const ALIASES: Record<string, HttpExportFormat> = { csl: 'csl-json', prov: 'prov-json' };

export function httpExportFormat(name: string): HttpExportFormat | undefined {
  if (Object.hasOwn(HTTP_EXPORT_FORMATS, name)) return name as HttpExportFormat;
  return Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
}

/**
 * A file name made from the question's title: ASCII letters and digits (accents dropped, so
 * "Cruz Roja Soviética" gives "cruz-roja-sovietica") joined by hyphens, at most 60 characters cut at a word's end, so it
 * needs no quoting rules beyond the plain `filename="…"` every browser reads.
 */
export function questionSlug(question: Pick<QuestionView, 'id' | 'title'>): string {
  const slug = question.title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cut at a word's end, so the name never stops mid-word ("…-the-1940s-be").
  const wordEnd = slug.lastIndexOf('-', 60);
  const cut = slug.length <= 60 ? slug : wordEnd > 0 ? slug.slice(0, wordEnd) : slug.slice(0, 60);
  return cut || `question-${question.id.slice(0, 8)}`;
}

export interface QuestionExportDeps {
  runner: ProjectionRunner;
  timeTravel: TimeTravel;
  store: EventStore;
}

/**
 * What the exporters need for one question, now or as of a moment. As of a moment, the question is
 * folded from its own stream up to then (TimeTravel), the consensus is the one computed then, and each
 * source keeps its bibliographic record but shows the reliability it was appraised at then (an
 * appraisal made later must not colour an old report). Unknown question: NotFoundError (404).
 */
export async function exportInputFor(deps: QuestionExportDeps, questionId: string, asOf?: AsOf): Promise<ExportInput> {
  const questions = deps.runner.view(questionsProjection).questions;
  const allSources = deps.runner.view(sourcesProjection).sources;
  const subQuestionsOf = (question: QuestionView) => question.subQuestionIds.map((id) => questions.get(id)).filter((q) => q !== undefined);
  if (!asOf) {
    const { consensus, position } = await currentConsensusSliced(deps.runner, questionId);
    const question = questions.get(questionId);
    if (!question) throw new NotFoundError('question', questionId);
    return { question, subQuestions: subQuestionsOf(question), sources: allSources, consensus: consensusForExport(consensus, { position, madeAt: new Date().toISOString() }) };
  }
  const { consensus, question, position } = await deps.timeTravel.consensusAsOf(questionId, asOf);
  const sources = new Map<string, SourceView>();
  for (const [id, source] of allSources) sources.set(id, { ...source, reliability: reliabilityAsOf(source, asOf) });
  // The report says which moment, on which axis, at which ledger position, and when it was made.
  const moment = { asOf: await asOfInstant(deps.store, asOf), axis: asOf.axis, ...(position !== null ? { position } : {}), madeAt: new Date().toISOString() };
  return { question, subQuestions: subQuestionsOf(question), sources, consensus: consensusForExport(consensus, moment) };
}

/**
 * The moment an "as of" export speaks of, as an instant (the exports print it, and PROV types it
 * xsd:dateTime): the end of the date asked for, or, for a position, the time that event was recorded.
 */
export async function asOfInstant(store: EventStore, asOf: AsOf): Promise<string | undefined> {
  if ('time' in asOf) return asOf.time.toISOString();
  for await (const event of store.readAll({ after: asOf.position - 1n, maxCount: 1 })) {
    const recordedAt = event.metadata.recordedAt;
    return typeof recordedAt === 'string' ? recordedAt : undefined;
  }
  return undefined;
}

/** One question exported in one of the API's formats: the text, its media type and its file name. */
export async function exportQuestionFile(
  deps: QuestionExportDeps,
  questionId: string,
  format: HttpExportFormat,
  asOf?: AsOf,
): Promise<{ text: string; mediaType: string; fileName: string }> {
  const input = await exportInputFor(deps, questionId, asOf);
  const spec = HTTP_EXPORT_FORMATS[format];
  return { text: exportQuestion(spec.format, input), mediaType: spec.mediaType, fileName: `${questionSlug(input.question)}.${spec.extension}` };
}
