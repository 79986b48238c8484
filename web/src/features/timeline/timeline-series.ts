import type { Axis, TimelineEntry } from '../../api/types';
import { asOfEnd } from '../../app/moment';

/** A stretch of time during which something kept one value (a claim's label, the question's status). */
export interface Run {
  from: number;
  to: number;
  value: string;
}

export interface TimelineSeries {
  /** Seconds since 1970 (uPlot's time scale), one per event, ascending on the axis. */
  xs: number[];
  /** Per claim id: its strength after each event (null before it was proposed or when it has none). */
  strengths: Map<string, (number | null)[]>;
  /** Per claim id: its labels over time. */
  labels: Map<string, Run[]>;
  /** The question's status over time. */
  status: Run[];
  /** Claims in the order of how often their strength moved (the most eventful first). */
  byActivity: string[];
}

/**
 * The question's history as plottable series, from its timeline: after each event, every claim's
 * strength and label and the question's status. The values are folded in the order the ledger
 * computed them (the recorded order); on the occurred axis each event is then placed at the moment it
 * was said (a partial date at its end), so the curves show when things were said, with the values the
 * record gives them.
 */
export function timelineSeries(entries: readonly TimelineEntry[], axis: Axis, end: number = Date.now()): TimelineSeries {
  const strength = new Map<string, number | null>();
  const label = new Map<string, string>();
  const moves = new Map<string, number>();
  let status: string | null = null;
  const snapshots: { time: number; strength: Map<string, number | null>; label: Map<string, string>; status: string | null }[] = [];
  for (const entry of entries) {
    for (const change of entry.changes) {
      if (change.kind === 'status') status = String(change.to);
      else if (change.kind === 'claim-added' && typeof change.claimId === 'string') {
        label.set(change.claimId, String(change.label));
        if (!strength.has(change.claimId)) strength.set(change.claimId, null);
      } else if (change.kind === 'label' && typeof change.claimId === 'string') label.set(change.claimId, String(change.to));
      else if (change.kind === 'strength' && typeof change.claimId === 'string') {
        // A claim's first move starts from where it stood (its base): show that from its proposal on.
        const id = change.claimId;
        if (strength.get(id) === null && typeof change.from === 'number') fillFrom(snapshots, id, change.from as number);
        strength.set(id, typeof change.to === 'number' ? change.to : null);
        moves.set(id, (moves.get(id) ?? 0) + 1);
      }
    }
    const at = asOfEnd(axis === 'recorded' ? entry.provenance.recordedAt : entry.provenance.occurredAt);
    if (Number.isNaN(at)) continue;
    snapshots.push({ time: at, strength: new Map(strength), label: new Map(label), status });
  }
  // Stable: events of one moment keep their order, and the last of them is what the moment shows.
  snapshots.sort((a, b) => a.time - b.time);
  const xs = snapshots.map((s) => s.time / 1000);
  const strengths = new Map<string, (number | null)[]>();
  for (const id of strength.keys()) strengths.set(id, snapshots.map((s) => (s.strength.has(id) ? (s.strength.get(id) ?? null) : null)));
  const labels = new Map<string, Run[]>();
  for (const id of label.keys()) labels.set(id, runs(snapshots.map((s) => ({ time: s.time, value: s.label.get(id) ?? null })), end));
  return {
    xs,
    strengths,
    labels,
    status: runs(snapshots.map((s) => ({ time: s.time, value: s.status })), end),
    byActivity: [...strength.keys()].sort((a, b) => (moves.get(b) ?? 0) - (moves.get(a) ?? 0)),
  };
}

function fillFrom(snapshots: { strength: Map<string, number | null>; label: Map<string, string> }[], id: string, value: number): void {
  for (const s of snapshots) if (s.label.has(id) && s.strength.get(id) === null) s.strength.set(id, value);
}

/** Consecutive equal values as runs; the last run lasts until `end` (now). */
export function runs(points: { time: number; value: string | null }[], end: number): Run[] {
  const out: Run[] = [];
  let previous: string | null = null;
  let open: Run | null = null;
  for (const point of points) {
    if (point.value === previous) continue;
    if (open) open.to = point.time;
    open = point.value === null ? null : { from: point.time, to: end, value: point.value };
    if (open) out.push(open);
    previous = point.value;
  }
  if (open) open.to = Math.max(end, open.from);
  return out;
}
