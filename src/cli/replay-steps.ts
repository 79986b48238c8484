import { assertNever } from '../../contract/assert-never';
import { isQuestionEvent, toLedgerEvent } from '../../contract/event-catalogue';
import type { ClaimRelation, QuestionEvent } from '../../contract/question.events';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { ClaimLabel, QuestionConsensus, QuestionStatus } from '../../projections/consensus';
import { formatOccurred } from '../../projections/dates/occurred';
import type { SourceView } from '../../projections/sources/sources.projection';

/** A claim whose label an event changed: from nothing (a new claim) or from one label to another. */
export interface LabelChange {
  claimId: string;
  text: string;
  from: ClaimLabel | null;
  to: ClaimLabel | null;
  /** The claim's reading after the event: why it now stands where it does. */
  reading: string | null;
}

/** One event of a replay, told for a person (`lines`) and for a script (the rest). */
export interface ReplayStepReport {
  step: number;
  position: string;
  eventId: string;
  type: string;
  occurredAt: string | null;
  recordedAt: string | null;
  /** Who said it (the attributed author), else who recorded it. */
  by: string | null;
  /** What the event says, in words: "proposed claim 5f77e26b (background): “…”". */
  summary: string;
  /** The claim, evidence or question the event is about, when it is one. */
  claimId: string | null;
  /** The event's own data, as stored. */
  data: unknown;
  status: { from: QuestionStatus | null; to: QuestionStatus };
  changes: LabelChange[];
}

interface EvidenceSeen {
  claimId: string;
  sourceId: string;
  locator: string | null;
}

const quote = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`}”`;
};

/**
 * Follows a question's events in order, keeping what later events refer to by id (claims' texts,
 * evidence's sources), and tells each one with what it changed in the consensus. The texts a claim
 * had at each moment are its texts then, not now.
 */
export class ReplayNarrator {
  private readonly claimTexts = new Map<string, string>();
  private readonly evidence = new Map<string, EvidenceSeen>();
  private labels = new Map<string, ClaimLabel>();
  private status: QuestionStatus | null = null;
  private steps = 0;

  constructor(
    private readonly sources: Map<string, SourceView>,
    private readonly idLength = 8,
  ) {}

  /** The event as a report; `consensus` is the question's consensus right after it. */
  tell(event: RecordedEvent, consensus: QuestionConsensus): ReplayStepReport {
    const ledgerEvent = toLedgerEvent(event);
    // Events of a type this version does not know (written by a newer one) are named, not described.
    const summary = ledgerEvent && isQuestionEvent(ledgerEvent) ? this.describe(ledgerEvent) : event.type;
    const changes: LabelChange[] = [];
    const now = new Map(consensus.claims.map((c) => [c.id, c]));
    for (const claim of consensus.claims) {
      const before = this.labels.get(claim.id) ?? null;
      if (before !== claim.label) changes.push({ claimId: claim.id, text: claim.text, from: before, to: claim.label, reading: claim.reading });
    }
    for (const [id, label] of this.labels) {
      if (!now.has(id)) changes.push({ claimId: id, text: this.claimTexts.get(id) ?? '', from: label, to: null, reading: null });
    }
    const status = { from: this.status, to: consensus.status };
    this.labels = new Map(consensus.claims.map((c) => [c.id, c.label]));
    this.status = consensus.status;
    const m = event.metadata as { attributedTo?: { name?: string }; recordedBy?: { name?: string }; occurredAt?: unknown; recordedAt?: unknown };
    return {
      step: ++this.steps,
      position: event.position.toString(),
      eventId: event.id,
      type: event.type,
      occurredAt: typeof m.occurredAt === 'string' ? m.occurredAt : null,
      recordedAt: typeof m.recordedAt === 'string' ? m.recordedAt : null,
      by: m.attributedTo?.name ?? m.recordedBy?.name ?? null,
      summary,
      claimId: ledgerEvent && 'claimId' in ledgerEvent.data ? ledgerEvent.data.claimId : null,
      data: event.data,
      status,
      changes,
    };
  }

  /** The report as lines for a terminal, the event's own text whole, the texts it refers to cut to `width`. */
  lines(report: ReplayStepReport, width = 120): string[] {
    const when = report.occurredAt ? formatOccurred(report.occurredAt) : '(no date)';
    const lines = [`#${report.step}  ${when}  ${report.by ?? 'unknown'}`, `    ${report.summary}`];
    const statusChanged = report.status.from !== report.status.to;
    if (report.changes.length === 0 && !statusChanged) lines.push('    no label changed');
    for (const change of report.changes) {
      const from = change.from ?? 'new';
      const to = change.to ?? 'gone';
      // The claim the event is about is quoted in its summary already.
      const text = change.claimId === report.claimId ? '' : `  ${quote(change.text, Math.max(20, width - 40))}`;
      lines.push(`    ${this.short(change.claimId)} ${from} → ${to}${text}`);
      if (change.reading) lines.push(`        why: ${change.reading}`);
    }
    if (statusChanged) lines.push(`    question: ${report.status.from ?? 'new'} → ${report.status.to}`);
    return lines;
  }

  private short(id: string): string {
    return id.slice(0, this.idLength);
  }

  private claim(id: unknown, max = 70): string {
    const text = typeof id === 'string' ? this.claimTexts.get(id) : undefined;
    return `claim ${this.short(String(id))}${text ? ` ${quote(text, max)}` : ''}`;
  }

  private evidenceName(id: unknown): string {
    const seen = typeof id === 'string' ? this.evidence.get(id) : undefined;
    if (!seen) return `evidence ${this.short(String(id))}`;
    return `evidence ${this.short(String(id))} (${this.sourceName(seen.sourceId, seen.locator)})`;
  }

  private sourceName(sourceId: string, locator: string | null): string {
    const title = this.sources.get(sourceId)?.title;
    return `${title ? quote(title, 70) : `source ${this.short(sourceId)}`}${locator ? `, ${locator}` : ''}`;
  }

  /** The event in words; a new question event type is a compile error here until it is told. */
  private describe(event: QuestionEvent): string {
    switch (event.type) {
      case 'QuestionOpened': {
        const d = event.data;
        const tags = d.tags.length > 0 ? ` [${d.tags.join(', ')}]` : '';
        return `opened the question ${quote(d.title, 400)}${tags}, under the ${d.proofStandard} standard`;
      }
      case 'ProofStandardChanged':
        return `changed the proof standard to ${event.data.proofStandard}: ${event.data.reason}`;
      case 'QuestionReworded':
        return `reworded the question${event.data.title ? ` as ${quote(event.data.title, 400)}` : ''}: ${event.data.reason}`;
      case 'ClaimProposed': {
        const d = event.data;
        this.claimTexts.set(d.claimId, d.text);
        return `proposed claim ${this.short(d.claimId)} (${d.kind}): ${quote(d.text, 4000)}`;
      }
      case 'ClaimRevised': {
        const d = event.data;
        this.claimTexts.set(d.claimId, d.text);
        return `revised claim ${this.short(d.claimId)}${asModerator(d)} to ${quote(d.text, 4000)}: ${d.reason}`;
      }
      case 'ClaimRetracted':
        return `retracted ${this.claim(event.data.claimId)}${asModerator(event.data)}: ${event.data.reason}`;
      case 'ClaimsRelated':
        return `${this.claim(event.data.fromClaimId)} ${relationVerb(event.data.relation)} ${this.claim(event.data.toClaimId)}`;
      case 'ClaimRelatedToEvidence':
        return `${this.claim(event.data.fromClaimId)} ${relationVerb(event.data.relation)} ${this.evidenceName(event.data.toEvidenceId)}`;
      case 'EvidenceAttached': {
        const d = event.data;
        this.evidence.set(d.evidenceId, { claimId: d.claimId, sourceId: d.sourceId, locator: d.locator });
        const quoted = d.quote ? `; quoting ${quote(d.quote, 400)}` : '';
        return `attached evidence ${this.short(d.evidenceId)} that ${d.stance} ${this.claim(d.claimId)}: ${this.sourceName(d.sourceId, d.locator)} (${d.verification})${quoted}`;
      }
      case 'EvidenceVerified':
        return `${event.data.verification} ${this.evidenceName(event.data.evidenceId)} on ${this.claim(event.data.claimId)}${event.data.note ? `: ${event.data.note}` : ''}`;
      case 'EvidenceWithdrawn':
        return `withdrew ${this.evidenceName(event.data.evidenceId)} from ${this.claim(event.data.claimId)}: ${event.data.reason}`;
      case 'StanceRecorded': {
        const d = event.data;
        return `${d.participant.name} ${d.stance === 'dispute' ? 'disputes' : 'endorses'} ${this.claim(d.claimId)} (confidence ${d.confidence.toFixed(2)})`;
      }
      case 'QuestionResolved': {
        const accepted = event.data.acceptedClaimIds.map((id) => this.claim(id, 50));
        return `resolved the question: ${event.data.summary}${accepted.length > 0 ? `; accepted ${accepted.join(', ')}` : ''}`;
      }
      case 'QuestionReopened':
        return `reopened the question: ${event.data.reason}`;
      default:
        return assertNever(event);
    }
  }
}

const asModerator = (data: { moderatorAction?: true }) => (data.moderatorAction ? ' (as moderator)' : '');

function relationVerb(relation: ClaimRelation): string {
  return relation === 'competes' ? 'competes with (a rival explanation of)' : relation;
}
