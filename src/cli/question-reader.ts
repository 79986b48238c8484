import { join } from 'node:path';
import type { LedgerConfig } from '../config/ledger-config';
import { SQLITE_FILE_NAME } from '../event-store/create-event-store';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { questionStream, sourceStream } from '../../contract/event-catalogue';
import { hashVersionOf } from '../ledger/provenance/hash-chain';
import { chainProblem, recordedAtOf, type StreamHead } from '../ledger/integrity/ledger-audit';
import { projectedEvent } from '../projection-runtime/projected-event';
import { NO_OTHER_VIEWS } from '../../projections/projection';
import { questionsProjection, type QuestionView } from '../../projections/questions/questions.projection';
import { sourcesProjection, type SourcesView } from '../../projections/sources/sources.projection';
import { includesEvent, type AsOf } from '../../projections/time-travel/as-of';
import { consensusSteps, resolveSettings, runSteps, type ConsensusSolution } from '../../projections/consensus';
import { sourceLookup, sourceLookupAsOf } from '../../projections/sources/source-lookup';
import { UsageError } from './ledger-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A stream's events, each checked against its stream's hash chain as the projection runner checks
 * them (src/ledger/integrity/ledger-audit.ts): from the first event that fails, nothing more of the
 * stream is honoured, and the break is said on standard error (`claims verify` names them all).
 */
export async function* verifiedStream(store: EventStore, stream: string): AsyncGenerator<RecordedEvent> {
  let head: Pick<StreamHead, 'revision' | 'hash' | 'version'> | undefined;
  for await (const event of store.readStream(stream)) {
    const problem = chainProblem(event, head, store.keepsRecordedAt, recordedAtOf(event));
    if (problem !== undefined) {
      console.error(`claims: integrity: the event at position ${event.position} (stream ${stream}, revision ${event.revision}) is refused, and any later event of its stream: ${problem}`);
      return;
    }
    head = { revision: event.revision, hash: event.metadata.hash as string, version: hashVersionOf(event.metadata) as number };
    yield event;
  }
}

/** What one question's commands read: the question (as of a moment, if asked), the sources it names, and the last position that moved them. */
export interface QuestionRead {
  question: QuestionView;
  /** The sources its evidence cites and its provenance names (`saidIn`), each folded from its own stream. */
  sources: SourcesView;
  /** The position of the last event folded (of the question's stream, or of a source it names). */
  position: bigint | null;
}

/**
 * One question folded from its own stream, and the sources it names from theirs: a read command
 * reads a few thousand events, not the whole log (nor the projections' snapshot, which holds every
 * question). As of a moment: on the recorded axis the fold stops at the first event recorded after
 * it; on the occurred axis every event is checked and only those said by then are applied (as
 * TimeTravel does for the API).
 */
export async function readQuestion(store: EventStore, questionId: string, asOf?: AsOf, options: { sources?: boolean } = {}): Promise<QuestionRead | undefined> {
  const view = questionsProjection.init();
  let position: bigint | null = null;
  for await (const recorded of verifiedStream(store, questionStream(questionId))) {
    if (asOf && !includesEvent(asOf, recorded)) {
      // A stream is in recording order: on that axis nothing later can be included.
      if (asOf.axis === 'recorded') break;
      continue;
    }
    const event = projectedEvent(recorded);
    if (event) questionsProjection.apply(view, event, NO_OTHER_VIEWS);
    position = recorded.position;
  }
  const question = view.questions.get(questionId);
  if (!question) return undefined;
  const sources = sourcesProjection.init();
  for (const sourceId of options.sources === false ? [] : sourcesNamedBy(question)) {
    for await (const recorded of verifiedStream(store, sourceStream(sourceId))) {
      // A later appraisal is kept: reliabilityAsOf reads each source as it stood at the moment.
      const event = projectedEvent(recorded);
      if (event) sourcesProjection.apply(sources, event, NO_OTHER_VIEWS);
      if ((!asOf || includesEvent(asOf, recorded)) && (position === null || recorded.position > position)) position = recorded.position;
    }
  }
  return { question, sources, position };
}

/** Every source the question's evidence cites, or that its question, claims or evidence were said in. */
function sourcesNamedBy(question: QuestionView): Set<string> {
  const ids = new Set<string>();
  const saidIn = (provenance: { saidIn: string | null }) => provenance.saidIn && ids.add(provenance.saidIn);
  saidIn(question.provenance);
  for (const claim of question.claims.values()) {
    saidIn(claim.provenance);
    for (const version of claim.versions) saidIn(version.provenance);
  }
  for (const evidence of question.evidence.values()) {
    ids.add(evidence.sourceId);
    saidIn(evidence.provenance);
  }
  return ids;
}

/**
 * A question named by its id, or by the start of its id when that is unambiguous. On SQLite the
 * starts are looked up in the index of stream names (a read-only connection, a few rows); on
 * EventStoreDB, which has no such index to ask, by reading the log for the questions opened.
 */
export async function resolveQuestionId(store: EventStore, config: LedgerConfig, given: string): Promise<string> {
  const wanted = given.toLowerCase();
  if (UUID.test(wanted)) {
    for await (const _ of store.readStream(questionStream(wanted), { maxCount: 1 })) return wanted;
    throw new UsageError(`no question ${given}`);
  }
  const matches = await questionIdsStartingWith(store, config, wanted);
  if (matches.length === 1) return matches[0]!;
  throw new UsageError(matches.length === 0 ? `no question ${given}` : `${given} names ${matches.length} questions; give more of the id`);
}

async function questionIdsStartingWith(store: EventStore, config: LedgerConfig, start: string): Promise<string[]> {
  if (!/^[0-9a-f-]*$/.test(start)) return [];
  if (store.kind === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(config.dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
    try {
      const prefix = questionStream(start);
      // The (stream, revision) index answers this range without reading any event's data.
      const rows = db.prepare('SELECT stream FROM events WHERE stream >= ? AND stream < ? AND revision = 0').pluck().all(prefix, `${prefix}\uffff`) as string[];
      return rows.map((stream) => stream.slice(questionStream('').length));
    } finally {
      db.close();
    }
  }
  const ids: string[] = [];
  for await (const event of store.readAll()) {
    if (event.type !== 'QuestionOpened') continue;
    const id = (event.data as { questionId?: unknown }).questionId;
    if (typeof id === 'string' && id.startsWith(start)) ids.push(id);
  }
  return ids;
}

/**
 * The question's consensus computed afresh from what was read, under the configured settings, with
 * each source's reliability as it stood at the moment (or now); with the solution that explains each claim.
 */
export function consensusOf(read: QuestionRead, config: Pick<LedgerConfig, 'consensus'>, asOf?: AsOf): ConsensusSolution {
  const lookup = asOf ? sourceLookupAsOf(read.sources, asOf) : sourceLookup(read.sources);
  return runSteps(consensusSteps(read.question, lookup, resolveSettings(config.consensus)));
}
