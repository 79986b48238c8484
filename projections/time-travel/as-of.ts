import type { Reliability } from '../../contract/source.events';
import { occurredBy } from '../dates/occurred';
import type { EventMeta } from '../projection';
import type { SourceView } from '../sources/sources.projection';

/**
 * A moment to look back at, on one of the two time axes (DOMAIN.md, "bitemporal"):
 * - `recorded`: what the ledger knew then: events recorded by `time`, or up to `position`;
 * - `occurred`: what had been said by then in the world: events whose `occurredAt` is not after `time`,
 *   whenever they were recorded (a forum post imported today counts from the day it was posted). A
 *   partial date counts once all of it lies by `time`: a letter of "February 1947" has not certainly
 *   been written by 10 February 1947, and is not shown as if it had.
 */
export type AsOf = { axis: 'recorded'; position: bigint } | { axis: 'recorded'; time: Date } | { axis: 'occurred'; time: Date };

export function includesEvent(asOf: AsOf, meta: Pick<EventMeta, 'position' | 'metadata'>): boolean {
  if (asOf.axis === 'recorded' && 'position' in asOf) return meta.position <= asOf.position;
  if (asOf.axis === 'occurred') {
    const occurred = meta.metadata.occurredAt;
    return typeof occurred === 'string' && occurredBy(occurred, asOf.time.getTime());
  }
  const recorded = meta.metadata.recordedAt;
  return typeof recorded === 'string' && Date.parse(recorded) <= asOf.time.getTime();
}

/** A source's reliability as it stood at that moment; null when it was unappraised or not yet known. */
export function reliabilityAsOf(source: SourceView, asOf: AsOf): Reliability | null {
  const included = (position: bigint, provenance: { occurredAt: string; recordedAt: string }) =>
    includesEvent(asOf, { position, metadata: { occurredAt: provenance.occurredAt, recordedAt: provenance.recordedAt } });
  if (!included(source.position, source.provenance)) return null;
  let reliability = source.registeredReliability;
  for (const appraisal of source.appraisals) {
    if (included(appraisal.position, appraisal.provenance)) reliability = appraisal.reliability;
  }
  return reliability;
}
