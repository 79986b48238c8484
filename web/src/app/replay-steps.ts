import { occurredStart, formatOccurred } from '../../../projections/dates/occurred';
import type { Axis, TimelineEntry } from '../api/types';
import { asOfEnd } from './moment';

/** One stop of the replay slider: the moment right after one or more events, on one axis. */
export interface ReplayStep {
  /** What the API's `asOf` is given for this step: the recorded instant, or the occurredAt as stored. */
  asOf: string;
  /** The events this step adds (more than one when they share the moment). */
  entries: TimelineEntry[];
  /** For sorting and the plot: the last millisecond the step's moment names. */
  time: number;
  /** How the step's moment reads: partial dates as given, instants in UTC. */
  display: string;
}

/**
 * The question's history as steps on an axis. On the recorded axis, the events in the order the
 * ledger recorded them; on the occurred axis, in the order they were said (a partial date sorts at its
 * end: "February 1947" is certainly said only once February is over, as the API counts it). Events that
 * share a moment are one step, since a moment cannot separate them.
 */
export function replaySteps(entries: readonly TimelineEntry[], axis: Axis): ReplayStep[] {
  const keyed = entries.map((entry) => {
    const asOf = axis === 'recorded' ? entry.provenance.recordedAt : entry.provenance.occurredAt;
    return { entry, asOf, time: asOfEnd(asOf) };
  });
  const valid = keyed.filter((k) => !Number.isNaN(k.time));
  // A stable sort keeps the recorded order among events of the same moment.
  valid.sort((a, b) => a.time - b.time || occurredStart(a.asOf) - occurredStart(b.asOf));
  const steps: ReplayStep[] = [];
  for (const k of valid) {
    const last = steps[steps.length - 1];
    if (last && last.time === k.time) {
      last.entries.push(k.entry);
      continue;
    }
    steps.push({ asOf: k.asOf, entries: [k.entry], time: k.time, display: formatOccurred(k.asOf) });
  }
  return steps;
}

/** The index of the step an `asOf` shows: the last step at or before it; -1 before the first; null for now. */
export function stepIndexOf(steps: readonly ReplayStep[], asOf: string | null): number | null {
  if (asOf === null) return null;
  const end = asOfEnd(asOf);
  let index = -1;
  for (let i = 0; i < steps.length; i++) if (steps[i].time <= end) index = i;
  return index;
}

/** A short account of a step for the slider's text: when, what, by whom. */
export function describeStep(step: ReplayStep): string {
  const first = step.entries[0];
  const more = step.entries.length > 1 ? ` (+${step.entries.length - 1} more)` : '';
  return `${step.display}: ${first.type} by ${first.provenance.attributedTo.name}${more}`;
}
