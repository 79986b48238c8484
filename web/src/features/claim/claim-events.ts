import type { LedgerEvent, QuestionDetail } from '../../api/types';

/**
 * The events that concern one claim: its proposal, revisions and retraction, the relations from or to
 * it, its evidence (attached, verified, withdrawn) and the relations to that evidence, and the
 * stances on it. Read from the events' data, so that nothing is left out by a view's choices.
 */
export function claimEvents(events: readonly LedgerEvent[], claimId: string, question: QuestionDetail): LedgerEvent[] {
  const evidenceIds = new Set(question.evidence.filter((e) => e.claimId === claimId).map((e) => e.id));
  return events.filter((event) => {
    const d = event.data as Record<string, unknown>;
    return (
      d.claimId === claimId ||
      d.fromClaimId === claimId ||
      d.toClaimId === claimId ||
      (typeof d.evidenceId === 'string' && evidenceIds.has(d.evidenceId)) ||
      (typeof d.toEvidenceId === 'string' && evidenceIds.has(d.toEvidenceId))
    );
  });
}
