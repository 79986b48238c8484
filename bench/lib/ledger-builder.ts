import Database from 'better-sqlite3';
import { SQLITE_SCHEMA } from '../../src/event-store/sqlite/sqlite-schema';
import type { JsonObject } from '../../contract/json';
import { derivedUuid, entityIdFor, eventIdFor } from '../../src/ledger/application/derived-ids';
import type { Decider } from '../../src/ledger/decider';
import { DomainRuleError, NotFoundError } from '../../src/ledger/domain-error';
import { questionStream, sourceStream, type LedgerEvent } from '../../contract/event-catalogue';
import { GENESIS_HASH, seal } from '../../src/ledger/provenance/hash-chain';
import { provenanceMetadata, type CommandContext, type ProvenanceInput } from '../../src/ledger/provenance/provenance';
import type { QuestionCommand } from '../../src/ledger/question/question.commands';
import { questionDecider } from '../../src/ledger/question/question.decider';
import type { ClaimKind, ClaimRelation, Credibility } from '../../contract/question.events';
import type { QuestionState } from '../../src/ledger/question/question.state';
import type { SourceCommand } from '../../src/ledger/source/source.commands';
import { sourceDecider, type SourceState } from '../../src/ledger/source/source.decider';
import type { Reliability, SourceKind } from '../../contract/source.events';
import { prose, Random } from './random';

/** A stream as the write side knows it: the decider's state, the revision and the hash chain's tip. */
interface Aggregate<State> {
  stream: string;
  state: State;
  revision: bigint;
  lastHash: string;
}

/** What the builder remembers of a question to choose realistic next commands. */
export interface QuestionModel {
  id: string;
  aggregate: Aggregate<QuestionState>;
  /** Live claim ids, in proposal order (retracted ones removed). */
  live: string[];
  /** For each claim, the claims that responded to it (for mutual rebuttals: cycles). */
  responders: Map<string, string[]>;
  /** Attached evidence ids. */
  evidence: string[];
  claims: number;
  events: number;
  resolved: boolean;
}

const PRINCIPALS = ['researcher-1', 'researcher-2', 'researcher-3', 'archivist', 'moderator'];
const AUTHORS = Array.from({ length: 200 }, (_, i) => `Historian ${i + 1}`);
const AFFILIATIONS = ['GARF', 'RGASPI', 'Memorial', 'Hoover Institution', 'University of Tartu', undefined, undefined];
const RELIABILITY: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
const SOURCE_KINDS: SourceKind[] = ['archival', 'report', 'article', 'book', 'forum-post', 'letter', 'interview', 'web'];

/**
 * Builds a valid ledger fast: every event comes from the real deciders, is sealed with the real
 * provenance metadata and hash chain (exactly as `LedgerWriter.seal` does), and is written straight
 * into the embedded store's table (the schema and row encoding of `SqliteEventStore`) in large
 * transactions, without a sync per event.
 */
export class LedgerBuilder {
  readonly random: Random;
  readonly questions: QuestionModel[] = [];
  readonly sources: { id: string; aggregate: Aggregate<SourceState> }[] = [];
  events = 0;
  /** The simulated clock: when the next command is recorded. */
  clock: number;
  readonly startedAt: number;

  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private rows: unknown[][] = [];
  private commands = 0;

  constructor(
    filename: string,
    private readonly seed: number,
    options: { start?: string; stepMs?: number } = {},
  ) {
    this.random = new Random(seed);
    this.clock = Date.parse(options.start ?? '2024-01-01T00:00:00.000Z');
    this.startedAt = this.clock;
    this.stepMs = options.stepMs ?? 30_000;
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF');
    this.db.exec(SQLITE_SCHEMA);
    this.insert = this.db.prepare(
      `INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  private readonly stepMs: number;

  /** Writes what is buffered, checkpoints the WAL into the file and closes it. */
  finish(): void {
    this.flush();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  // ---- commands -------------------------------------------------------------------------------

  openQuestion(): QuestionModel | undefined {
    const context = this.context();
    const questionId = entityIdFor(context.commandId, 'question');
    const aggregate: Aggregate<QuestionState> = { stream: questionStream(questionId), state: questionDecider.initialState, revision: -1n, lastHash: GENESIS_HASH };
    const model: QuestionModel = { id: questionId, aggregate, live: [], responders: new Map(), evidence: [], claims: 0, events: 0, resolved: false };
    const tags = ['diplomacy', 'finance', 'archives', 'biography', 'institutions'].filter(() => this.random.chance(0.3));
    const ok = this.onQuestion(model, { type: 'OpenQuestion', questionId, title: prose(this.random, 5, 12) + '?', body: prose(this.random, 20, 60), tags, parentQuestionId: null, proofStandard: 'preponderance' }, context);
    if (!ok) return undefined;
    this.questions.push(model);
    return model;
  }

  registerSource(): void {
    const context = this.context();
    const sourceId = entityIdFor(context.commandId, 'source');
    const aggregate: Aggregate<SourceState> = { stream: sourceStream(sourceId), state: sourceDecider.initialState, revision: -1n, lastHash: GENESIS_HASH };
    const kind = this.random.pick(SOURCE_KINDS);
    const command: SourceCommand = {
      type: 'RegisterSource',
      sourceId,
      kind,
      title: prose(this.random, 4, 14),
      authors: [this.random.pick(AUTHORS)],
      issued: `${1920 + this.random.int(90)}`,
      identifiers: kind === 'archival' ? { archive: { repository: 'GARF', fond: `R-${9000 + this.random.int(999)}`, opis: `${this.random.int(40)}`, delo: `${this.random.int(9000)}` } } : { url: `https://example.org/${sourceId}` },
      reliability: this.random.chance(0.7) ? this.random.pick(RELIABILITY) : null,
    };
    if (this.run(aggregate, sourceDecider as Decider<SourceCommand, LedgerEvent, SourceState>, command, context)) this.sources.push({ id: sourceId, aggregate });
  }

  appraiseSource(): void {
    if (this.sources.length === 0) return;
    const source = this.random.pick(this.sources);
    const command: SourceCommand = { type: 'AppraiseSource', sourceId: source.id, reliability: this.random.pick(RELIABILITY), note: prose(this.random, 5, 20) };
    this.run(source.aggregate, sourceDecider as Decider<SourceCommand, LedgerEvent, SourceState>, command, this.context());
  }

  /** A claim, at the top of the debate or answering another claim (claim and relation in one command). */
  proposeClaim(q: QuestionModel, options: { respond?: boolean; relation?: ClaimRelation } = {}): string | undefined {
    const context = this.context();
    const claimId = entityIdFor(context.commandId, 'claim');
    const respond = (options.respond ?? true) && q.live.length > 0;
    const target = respond ? this.random.pick(q.live) : undefined;
    const relation = options.relation ?? this.random.weighted({ supports: 45, rebuts: 40, undercuts: 15 });
    const kind: ClaimKind = respond ? (this.random.chance(0.4) ? 'background' : 'hypothesis') : this.random.chance(0.7) ? 'answer' : 'hypothesis';
    const command: QuestionCommand = {
      type: 'ProposeClaim',
      questionId: q.id,
      claimId,
      text: prose(this.random, 10, 35),
      kind,
      owner: { id: context.principal.id, name: context.principal.name },
      ...(target ? { respondsTo: { claimId: target, relation, relationId: entityIdFor(context.commandId, 'relation') } } : {}),
    };
    if (!this.onQuestion(q, command, context)) return undefined;
    q.live.push(claimId);
    q.claims++;
    if (target) {
      const list = q.responders.get(target);
      if (list) list.push(claimId);
      else q.responders.set(target, [claimId]);
    }
    return claimId;
  }

  /**
   * A relation between two existing claims: mostly from a later claim to an earlier one (no cycle),
   * sometimes a claim rebutting one of its own rebutters (a two-claim cycle, as real debates have).
   */
  relateClaims(q: QuestionModel): void {
    if (q.live.length < 2) return;
    let from: string;
    let to: string;
    let relation: ClaimRelation;
    const responded = this.random.chance(0.15) ? this.random.pick(q.live) : undefined;
    const responders = responded ? q.responders.get(responded)?.filter((c) => q.live.includes(c)) : undefined;
    if (responded && responders && responders.length > 0) {
      from = responded;
      to = this.random.pick(responders);
      relation = 'rebuts';
    } else {
      const i = 1 + this.random.int(q.live.length - 1);
      from = q.live[i]!;
      to = q.live[this.random.int(i)]!;
      relation = this.random.weighted({ supports: 45, rebuts: 40, undercuts: 15 });
    }
    const context = this.context();
    this.onQuestion(q, { type: 'RelateClaims', questionId: q.id, relationId: entityIdFor(context.commandId, 'relation'), fromClaimId: from, toClaimId: to, relation }, context);
  }

  attachEvidence(q: QuestionModel): void {
    if (q.live.length === 0 || this.sources.length === 0) return;
    const context = this.context();
    const evidenceId = entityIdFor(context.commandId, 'evidence');
    const ok = this.onQuestion(
      q,
      {
        type: 'AttachEvidence',
        questionId: q.id,
        evidenceId,
        claimId: this.random.pick(q.live),
        sourceId: this.random.pick(this.sources).id,
        stance: this.random.chance(0.65) ? 'supports' : 'undermines',
        locator: this.random.chance(0.7) ? `l. ${1 + this.random.int(400)}` : null,
        quote: this.random.chance(0.5) ? prose(this.random, 8, 40) : null,
        credibility: this.random.chance(0.8) ? ((1 + this.random.int(6)) as Credibility) : null,
        // Read documents, so that the bench keeps measuring evidence that carries weight.
        verification: 'examined',
        owner: { id: context.principal.id, name: context.principal.name },
      },
      context,
    );
    if (ok) q.evidence.push(evidenceId);
  }

  recordStance(q: QuestionModel): void {
    if (q.live.length === 0) return;
    const who = this.random.int(60);
    const context = this.context(who < 40 ? { attributedTo: { name: AUTHORS[who]! } } : {});
    const participant = context.provenance.attributedTo ? { id: `attributed:${context.provenance.attributedTo.name}`, name: context.provenance.attributedTo.name } : { id: context.principal.id, name: context.principal.name };
    this.onQuestion(q, { type: 'RecordStance', questionId: q.id, claimId: this.random.pick(q.live), participant, stance: this.random.chance(0.6) ? 'endorse' : 'dispute', confidence: Math.round(this.random.next() * 100) / 100 }, context);
  }

  reviseClaim(q: QuestionModel): void {
    if (q.live.length === 0) return;
    this.onQuestion(q, { type: 'ReviseClaim', questionId: q.id, claimId: this.random.pick(q.live), text: prose(this.random, 10, 35), reason: prose(this.random, 3, 10), actor: { principalId: 'moderator', moderator: true } }, this.context());
  }

  retractClaim(q: QuestionModel): void {
    if (q.live.length < 5) return;
    const index = this.random.int(q.live.length);
    const claimId = q.live[index]!;
    if (this.onQuestion(q, { type: 'RetractClaim', questionId: q.id, claimId, reason: prose(this.random, 3, 10), actor: { principalId: 'moderator', moderator: true } }, this.context())) {
      q.live.splice(index, 1);
    }
  }

  withdrawEvidence(q: QuestionModel): void {
    if (q.evidence.length < 5) return;
    const index = this.random.int(q.evidence.length);
    const evidenceId = q.evidence[index]!;
    if (this.onQuestion(q, { type: 'WithdrawEvidence', questionId: q.id, evidenceId, reason: prose(this.random, 3, 10), actor: { principalId: 'moderator', moderator: true } }, this.context())) {
      q.evidence.splice(index, 1);
    }
  }

  rewordQuestion(q: QuestionModel): void {
    this.onQuestion(q, { type: 'RewordQuestion', questionId: q.id, title: prose(this.random, 5, 12) + '?', reason: prose(this.random, 3, 10) }, this.context());
  }

  resolveOrReopen(q: QuestionModel): void {
    if (q.resolved) {
      if (this.onQuestion(q, { type: 'ReopenQuestion', questionId: q.id, reason: prose(this.random, 3, 10) }, this.context())) q.resolved = false;
      return;
    }
    if (q.live.length === 0) return;
    const accepted = [q.live[0]!];
    if (this.onQuestion(q, { type: 'ResolveQuestion', questionId: q.id, summary: prose(this.random, 10, 30), acceptedClaimIds: accepted }, this.context())) q.resolved = true;
  }

  // ---- the shell ------------------------------------------------------------------------------

  private onQuestion(q: QuestionModel, command: QuestionCommand, context: CommandContext): boolean {
    const before = this.events;
    const ok = this.run(q.aggregate, questionDecider, command, context);
    q.events += this.events - before;
    return ok;
  }

  /** Decides, seals and buffers the events; false when the decider refuses the command. */
  private run<Command, State>(aggregate: Aggregate<State>, decider: Decider<Command, LedgerEvent, State>, command: Command, context: CommandContext): boolean {
    let events: LedgerEvent[];
    try {
      events = decider.decide(command, aggregate.state);
    } catch (error) {
      if (error instanceof DomainRuleError || error instanceof NotFoundError) return false;
      throw error;
    }
    const recordedAt = new Date(this.clock);
    this.clock += 1 + this.random.int(2 * this.stepMs);
    const recordedAtIso = recordedAt.toISOString();
    events.forEach((event, index) => {
      aggregate.revision += 1n;
      const id = eventIdFor(context.commandId, index);
      const data = event.data as unknown as JsonObject;
      const metadata: JsonObject = provenanceMetadata(context, recordedAt);
      const sealed = seal({ id, type: event.type, stream: aggregate.stream, revision: aggregate.revision, data, metadata }, aggregate.lastHash);
      aggregate.lastHash = sealed.hash;
      aggregate.state = decider.evolve(aggregate.state, event);
      this.rows.push([id.toLowerCase(), aggregate.stream, aggregate.revision, event.type, sealed.json.data, sealed.json.metadata, recordedAtIso]);
      this.events++;
    });
    if (this.rows.length >= 20_000) this.flush();
    return true;
  }

  private context(provenance?: ProvenanceInput): CommandContext {
    const commandId = derivedUuid('bench', String(this.seed), String(this.commands++));
    const principal = this.random.pick(PRINCIPALS);
    let input: ProvenanceInput = provenance ?? {};
    if (provenance === undefined && this.random.chance(0.3)) {
      const affiliation = this.random.pick(AFFILIATIONS);
      input = {
        attributedTo: { name: this.random.pick(AUTHORS), ...(affiliation ? { affiliation } : {}) },
        occurredAt: new Date(Date.UTC(1990 + this.random.int(30), this.random.int(12), 1 + this.random.int(28))).toISOString(),
      };
    }
    if (this.sources.length > 0 && this.random.chance(0.05)) input = { ...input, saidIn: this.random.pick(this.sources).id };
    return { principal: { id: principal, name: principal }, commandId, correlationId: commandId, causationId: commandId, provenance: input };
  }

  private flush(): void {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    this.db.transaction(() => {
      for (const row of rows) this.insert.run(...row);
    })();
  }
}
