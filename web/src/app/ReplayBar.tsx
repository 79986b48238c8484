import { useEffect, useMemo, useState } from 'react';
import type { Axis, TimelineEntry } from '../api/types';
import { describeStep, replaySteps, stepIndexOf } from './replay-steps';

interface Props {
  timeline: TimelineEntry[];
  asOf: string | null;
  axis: Axis;
  onMoment: (asOf: string | null, axis: Axis, how: 'push' | 'replace') => void;
}

/**
 * The replay controls: a slider over the question's events on the chosen axis, play/pause stepping
 * through them, a date to jump to, and "now". The map, the labels and the claim panel follow (the
 * moment is in the URL, so the link opens that very step).
 */
export function ReplayBar({ timeline, asOf, axis, onMoment }: Props) {
  const steps = useMemo(() => replaySteps(timeline, axis), [timeline, axis]);
  const index = stepIndexOf(steps, asOf);
  // The slider's last stop is "now" (every event, and whatever the present adds, such as re-appraisals).
  const value = index === null ? steps.length : Math.max(index, 0);
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return;
    if (value >= steps.length) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => {
      const next = value + 1;
      onMoment(next >= steps.length ? null : steps[next].asOf, axis, 'replace');
    }, 700);
    return () => clearTimeout(timer);
  }, [playing, value, steps, axis, onMoment]);

  const valueText = value >= steps.length ? 'now: every event' : describeStep(steps[value]);
  const setIndex = (i: number, how: 'push' | 'replace') => onMoment(i >= steps.length ? null : steps[i].asOf, axis, how);

  return (
    <div className="replay" role="group" aria-label="Replay">
      <button
        type="button"
        onClick={() => {
          if (!playing && value >= steps.length) setIndex(0, 'push');
          setPlaying(!playing);
        }}
        aria-pressed={playing}
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <label className="slider">
        <span className="visually-hidden">Step through the events</span>
        <input
          type="range"
          min={0}
          max={steps.length}
          step={1}
          value={value}
          aria-valuetext={valueText}
          onChange={(e) => setIndex(Number(e.target.value), 'replace')}
        />
      </label>
      <output className="step-text" aria-live="polite">
        {value >= steps.length ? 'Now' : `Step ${value + 1} of ${steps.length}: ${describeStep(steps[value])}`}
      </output>
      <label>
        Axis{' '}
        <select value={axis} onChange={(e) => onMoment(asOf, e.target.value as Axis, 'push')}>
          <option value="recorded">recorded (what the ledger knew)</option>
          <option value="occurred">occurred (what had been said)</option>
        </select>
      </label>
      <label>
        As of{' '}
        <input type="date" value={asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : ''} onChange={(e) => e.target.value && onMoment(e.target.value, axis, 'push')} />
      </label>
      <button type="button" onClick={() => onMoment(null, axis, 'push')} disabled={asOf === null}>
        Now
      </button>
    </div>
  );
}
