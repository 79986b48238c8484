import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { LedgerAudit, type IntegrityBreak } from '../../src/ledger/integrity/ledger-audit';

/**
 * The first break in one stream's events (in revision order), found by the ledger's own audit, the
 * check `claims verify` and the writer run (`chainProblem`); null when the chain holds. Recorded
 * times are not compared: events read back over HTTP carry the time as JSON text.
 */
export function firstChainBreak(events: Iterable<RecordedEvent>): IntegrityBreak | null {
  const audit = new LedgerAudit(false);
  for (const event of events) {
    const admission = audit.admit(event);
    if (!admission.ok) return admission.break;
  }
  return null;
}
