import type Database from 'better-sqlite3';
import { questionStream } from '../../contract/event-catalogue';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { hashVersionOf } from '../ledger/provenance/hash-chain';
import { chainProblem, recordedAtOf } from '../ledger/integrity/ledger-audit';
import { projectedEvent } from '../projection-runtime/projected-event';
import { NO_OTHER_VIEWS } from '../../projections/projection';
import { questionsProjection, type QuestionView } from '../../projections/questions/questions.projection';

/** What `claims questions` shows of a question: the question itself, and how many claims and pieces of evidence it has. */
export interface QuestionSummary {
  /** Its title, body, tags, status, proof standard, parent and sub-questions, provenance (its claims and evidence are not read: see the counts). */
  question: QuestionView;
  claims: number;
  liveClaims: number;
  evidence: number;
}

/** The events that set what the list shows of a question itself (questions.projection.ts). */
const QUESTION_EVENTS = ['QuestionOpened', 'QuestionReworded', 'ProofStandardChanged', 'QuestionResolved', 'QuestionReopened'];
/** The events the counts come from: a claim is live until retracted; evidence is counted attached or withdrawn, as the view keeps it. */
const COUNTED_EVENTS = ['ClaimProposed', 'ClaimRetracted', 'EvidenceAttached'];

type Row = [id: string, stream: string, type: string, retractedClaimId: string | null];

/**
 * Every question of a SQLite ledger, in the order they were opened, for the list: read without
 * folding the log. A question's own events (opened, reworded, resolved…: a few per question) are
 * read whole, each checked against its stream's hash chain (its hash, and its link to the event
 * before it), and folded by the questions projection, as the server folds them; its claims and
 * evidence are counted in one scan of the table that reads no event's data but a retracted claim's
 * id. On a 100k-event ledger that is one pass over the file instead of reading, parsing and hashing
 * 100,000 events (seconds). The counts are as recorded: `claims verify` checks every chain, and
 * consensus, export and replay check the streams of the question they read.
 */
export async function questionSummaries(store: EventStore, db: Database.Database): Promise<Map<string, QuestionSummary>> {
  const types = [...QUESTION_EVENTS, ...COUNTED_EVENTS];
  // NOT INDEXED: a scan in position order is faster than the (stream, revision) index over most of the table.
  const rows = db
    .prepare(
      `SELECT id, stream, type, CASE WHEN type = 'ClaimRetracted' THEN json_extract(data, '$.claimId') END
       FROM events NOT INDEXED WHERE type IN (${types.map(() => '?').join(', ')}) ORDER BY position`,
    )
    .raw(true)
    .all(...types) as Row[];

  const view = questionsProjection.init();
  const counts = new Map<string, { claims: number; retracted: Set<string>; evidence: number }>();
  /** Streams with an event that failed its check: nothing more of them is honoured, as verifiedStream does. */
  const refused = new Set<string>();
  for (const [id, stream, type, retractedClaimId] of rows) {
    if (refused.has(stream)) continue;
    if (QUESTION_EVENTS.includes(type)) {
      const recorded = await store.readEvent(id);
      if (!recorded || !(await passesChainCheck(store, recorded))) {
        refused.add(stream);
        continue;
      }
      const event = projectedEvent(recorded);
      if (event) questionsProjection.apply(view, event, NO_OTHER_VIEWS);
      continue;
    }
    let count = counts.get(stream);
    if (!count) counts.set(stream, (count = { claims: 0, retracted: new Set(), evidence: 0 }));
    if (type === 'ClaimProposed') count.claims++;
    else if (type === 'EvidenceAttached') count.evidence++;
    else if (retractedClaimId !== null) count.retracted.add(retractedClaimId);
  }

  const summaries = new Map<string, QuestionSummary>();
  for (const [questionId, question] of view.questions) {
    const count = counts.get(questionStream(questionId));
    const claims = count?.claims ?? 0;
    summaries.set(questionId, { question, claims, liveClaims: claims - (count?.retracted.size ?? 0), evidence: count?.evidence ?? 0 });
  }
  return summaries;
}

/**
 * The event checked as the projection runner checks it, against the event before it in its stream:
 * its hash covers its content, and it follows on from that event. A failure is said on standard
 * error, as for the streams a question's commands read.
 */
async function passesChainCheck(store: EventStore, event: RecordedEvent): Promise<boolean> {
  let head: { revision: bigint; hash: string; version: number } | undefined;
  if (event.revision > 0n) {
    for await (const before of store.readStream(event.stream, { from: event.revision - 1n, maxCount: 1 })) {
      if (before.revision === event.revision - 1n) head = { revision: before.revision, hash: before.metadata.hash as string, version: hashVersionOf(before.metadata) as number };
    }
  }
  // The event before it missing altogether is a break too: chainProblem names it (a revision missing).
  const problem = chainProblem(event, head, store.keepsRecordedAt, recordedAtOf(event));
  if (problem === undefined) return true;
  console.error(`claims: integrity: the event at position ${event.position} (stream ${event.stream}, revision ${event.revision}) is refused, and any later event of its stream: ${problem}`);
  return false;
}
