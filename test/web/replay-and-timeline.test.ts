import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../web/src/api/types';
import { describeStep, replaySteps, stepIndexOf } from '../../web/src/app/replay-steps';
import { runs, timelineSeries } from '../../web/src/features/timeline/timeline-series';

let position = 0;
const entry = (occurredAt: string, recordedAt: string, changes: TimelineEntry['changes'], type = 'ClaimProposed'): TimelineEntry => ({
  position: String(++position), eventId: `e${position}`, type, stream: 'question-q', revision: String(position), subjectId: `s${position}`,
  provenance: { recordedBy: { id: 'p', name: 'admin' }, recordedAt, attributedTo: { name: 'Paul Preston' }, occurredAt, saidIn: null },
  changes,
});

// Recorded in one order (an import today), said in another, one of them on a day without a time.
const entries = [
  entry('2021-02-10T08:02:00.000Z', '2026-01-01T10:00:00.000Z', [{ kind: 'status', from: null, to: 'open' }], 'QuestionOpened'),
  entry('2021-02-12T08:13:00.000Z', '2026-01-01T10:00:01.000Z', [{ kind: 'claim-added', claimId: 'v', label: 'open' }]),
  entry('2021-02-10', '2026-01-01T10:00:02.000Z', [{ kind: 'claim-added', claimId: 'p', label: 'open' }]),
  entry('2021-02-12T09:00:00.000Z', '2026-01-01T10:00:03.000Z', [
    { kind: 'label', claimId: 'v', from: 'open', to: 'unverified' },
    { kind: 'strength', claimId: 'v', from: 0.5, to: 0.75, delta: 0.25 },
    { kind: 'status', from: 'open', to: 'unverified' },
  ], 'ClaimsRelated'),
];

describe('the replay’s steps', () => {
  it('follow the recorded order on the recorded axis', () => {
    const steps = replaySteps(entries, 'recorded');
    expect(steps.map((s) => s.entries[0].eventId)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(stepIndexOf(steps, null)).toBeNull();
    expect(stepIndexOf(steps, '2026-01-01T10:00:01.500Z')).toBe(1);
    expect(stepIndexOf(steps, '2025')).toBe(-1);
  });

  it('follow when things were said on the occurred axis, a bare day counting at its end', () => {
    const steps = replaySteps(entries, 'occurred');
    expect(steps.map((s) => s.entries[0].eventId)).toEqual(['e1', 'e3', 'e2', 'e4']);
    expect(steps[1].display).toBe('2021-02-10');
    expect(stepIndexOf(steps, '2021-02-11')).toBe(1);
    expect(describeStep(steps[0])).toBe('2021-02-10 08:02 UTC: QuestionOpened by Paul Preston');
  });
});

describe('the timeline’s series', () => {
  it('gives each claim’s strength after each event, from its base once it first moves', () => {
    const series = timelineSeries(entries, 'recorded', Date.parse('2026-06-01T00:00:00Z'));
    expect(series.xs).toHaveLength(4);
    expect(series.strengths.get('v')).toEqual([null, 0.5, 0.5, 0.75]);
    expect(series.strengths.get('p')).toEqual([null, null, null, null]);
    expect(series.labels.get('v')!.map((r) => r.value)).toEqual(['open', 'unverified']);
    expect(series.status.map((r) => r.value)).toEqual(['open', 'unverified']);
    expect(series.status[1].to).toBe(Date.parse('2026-06-01T00:00:00Z'));
    expect(series.byActivity[0]).toBe('v');
  });

  it('places the events when they were said on the occurred axis', () => {
    const series = timelineSeries(entries, 'occurred', Date.parse('2026-06-01T00:00:00Z'));
    expect(series.xs).toEqual([Date.parse('2021-02-10T08:02:00.000Z') / 1000, (Date.parse('2021-02-11T00:00:00.000Z') - 1) / 1000, Date.parse('2021-02-12T08:13:00.000Z') / 1000, Date.parse('2021-02-12T09:00:00.000Z') / 1000]);
  });

  it('makes runs of equal values, a gap ending a run', () => {
    expect(runs([{ time: 1, value: 'a' }, { time: 2, value: 'a' }, { time: 3, value: null }, { time: 4, value: 'a' }], 9)).toEqual([
      { from: 1, to: 3, value: 'a' },
      { from: 4, to: 9, value: 'a' },
    ]);
  });
});
