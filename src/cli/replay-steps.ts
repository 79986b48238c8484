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
    const data = event.data as Record<string, unknown>;
    const summary = this.describe(event.type, data);
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
      claimId: typeof data.claimId === 'string' ? data.claimId : null,
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

  private describe(type: string, d: Record<string, unknown>): string {
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    switch (type) {
      case 'QuestionOpened': {
        const tags = Array.isArray(d.tags) && d.tags.length > 0 ? ` [${d.tags.join(', ')}]` : '';
        return `opened the question ${quote(text(d.title), 400)}${tags}, under the ${text(d.proofStandard) || 'preponderance'} standard`;
      }
      case 'ProofStandardChanged':
        return `changed the proof standard to ${text(d.proofStandard)}: ${text(d.reason)}`;
      case 'QuestionReworded':
        return `reworded the question${d.title ? ` as ${quote(text(d.title), 400)}` : ''}: ${text(d.reason)}`;
      case 'ClaimProposed':
        this.claimTexts.set(text(d.claimId), text(d.text));
        return `proposed claim ${this.short(text(d.claimId))} (${text(d.kind)}): ${quote(text(d.text), 4000)}`;
      case 'ClaimRevised': {
        this.claimTexts.set(text(d.claimId), text(d.text));
        return `revised claim ${this.short(text(d.claimId))}${d.moderatorAction ? ' (as moderator)' : ''} to ${quote(text(d.text), 4000)}: ${text(d.reason)}`;
      }
      case 'ClaimRetracted':
        return `retracted ${this.claim(d.claimId)}${d.moderatorAction ? ' (as moderator)' : ''}: ${text(d.reason)}`;
      case 'ClaimsRelated':
        return `${this.claim(d.fromClaimId)} ${relationVerb(text(d.relation))} ${this.claim(d.toClaimId)}`;
      case 'ClaimRelatedToEvidence':
        return `${this.claim(d.fromClaimId)} ${relationVerb(text(d.relation))} ${this.evidenceName(d.toEvidenceId)}`;
      case 'EvidenceAttached': {
        const locator = typeof d.locator === 'string' ? d.locator : null;
        this.evidence.set(text(d.evidenceId), { claimId: text(d.claimId), sourceId: text(d.sourceId), locator });
        const quoted = typeof d.quote === 'string' && d.quote ? `; quoting ${quote(d.quote, 400)}` : '';
        return `attached evidence ${this.short(text(d.evidenceId))} that ${text(d.stance) === 'undermines' ? 'undermines' : 'supports'} ${this.claim(d.claimId)}: ${this.sourceName(text(d.sourceId), locator)} (${text(d.verification) || 'cited'})${quoted}`;
      }
      case 'EvidenceVerified':
        return `${text(d.verification)} ${this.evidenceName(d.evidenceId)} on ${this.claim(d.claimId)}${d.note ? `: ${text(d.note)}` : ''}`;
      case 'EvidenceWithdrawn':
        return `withdrew ${this.evidenceName(d.evidenceId)} from ${this.claim(d.claimId)}: ${text(d.reason)}`;
      case 'StanceRecorded': {
        const participant = (d.participant as { name?: string } | undefined)?.name ?? 'someone';
        const verb = d.stance === 'dispute' ? 'disputes' : 'endorses';
        return `${participant} ${verb} ${this.claim(d.claimId)} (confidence ${Number(d.confidence).toFixed(2)})`;
      }
      case 'QuestionResolved': {
        const accepted = Array.isArray(d.acceptedClaimIds) ? d.acceptedClaimIds.map((id) => this.claim(id, 50)) : [];
        return `resolved the question: ${text(d.summary)}${accepted.length > 0 ? `; accepted ${accepted.join(', ')}` : ''}`;
      }
      case 'QuestionReopened':
        return `reopened the question: ${text(d.reason)}`;
      default:
        return type;
    }
  }
}

function relationVerb(relation: string): string {
  switch (relation) {
    case 'supports':
      return 'supports';
    case 'rebuts':
      return 'rebuts';
    case 'undercuts':
      return 'undercuts';
    case 'competes':
      return 'competes with (a rival explanation of)';
    default:
      return relation;
  }
}
