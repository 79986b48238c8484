import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatOccurred } from '../../../../projections/dates/occurred';
import type { QuestionTabProps } from '../../app/features';
import { asOfEnd } from '../../app/moment';
import { labelStyle, statusStyle } from '../../labels/palette';
import { timelineSeries, type Run } from './timeline-series';

/** At most this many claims get a curve (the selected one always does): a 1,000-claim plot says nothing. */
const MAX_CURVES = 24;

/**
 * The timeline: each claim's strength over time on the chosen axis (the selected claim drawn thick,
 * with its label as bands behind it), and the question's status as a strip along the top; the
 * replay bar's moment is the vertical line. Clicking the plot moves the page to that moment.
 */
export function TimelineTab({ timeline, consensus, state, update }: QuestionTabProps) {
  const host = useRef<HTMLDivElement>(null);
  const series = useMemo(() => timelineSeries(timeline, state.axis), [timeline, state.axis]);
  const claimText = useMemo(() => new Map(consensus.claims.map((c) => [c.id, c.text])), [consensus]);
  const shown = useMemo(() => {
    const ids = series.byActivity.slice(0, MAX_CURVES);
    if (state.claim && series.strengths.has(state.claim) && !ids.includes(state.claim)) ids.unshift(state.claim);
    return ids;
  }, [series, state.claim]);
  // The plot's x is the event's rank on the axis, as on the replay slider: a debate of three days and
  // the ledger's own work years later would otherwise leave the debate a sliver. Ticks give the dates.
  const times = useMemo(() => series.xs.map((x) => x * 1000), [series]);
  const indexAt = (time: number) => {
    let i = 0;
    while (i < times.length && times[i] < time) i++;
    return i;
  };
  const moment = state.asOf ? indexAt(asOfEnd(state.asOf) + 1) - 1 : null;
  const updateRef = useRef(update);
  updateRef.current = update;

  useEffect(() => {
    const el = host.current;
    if (!el || series.xs.length === 0) return;
    const selected = state.claim;
    const bands = selected ? (series.labels.get(selected) ?? []) : [];
    const drawRuns = (u: uPlot, runs: Run[], top: number, height: number, fill: (value: string) => string, alpha: number) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.globalAlpha = alpha;
      for (const run of runs) {
        const x0 = u.valToPos(indexAt(run.from) - 0.5, 'x', true);
        const x1 = u.valToPos(Math.min(indexAt(run.to) - 0.5, u.scales.x.max ?? times.length), 'x', true);
        ctx.fillStyle = fill(run.value);
        ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
      }
      ctx.restore();
    };
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: 340,
        title: `Strength of each claim, event by event (${state.axis} axis)`,
        scales: { x: { time: false, range: [-0.5, Math.max(times.length - 0.5, 0.5)] }, y: { range: [0, 1] } },
        axes: [
          {
            label: `events in ${state.axis === 'recorded' ? 'recorded' : 'occurred'} order`,
            // Room for a whole date under each tick.
            space: 100,
            values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && times[i] !== undefined ? formatOccurred(new Date(times[i]).toISOString()).slice(0, 10) : '')),
          },
          { label: 'strength' },
        ],
        legend: { show: false },
        series: [
          { label: state.axis === 'recorded' ? 'recorded' : 'occurred' },
          ...shown.map((id) => ({
            label: claimText.get(id)?.slice(0, 40) ?? id.slice(0, 8),
            stroke: id === selected ? '#000000' : '#0072B2',
            width: id === selected ? 3 : 1,
            alpha: id === selected || !selected ? 1 : 0.35,
            paths: uPlot.paths.stepped?.({ align: 1 }),
            spanGaps: false,
          })),
        ],
        hooks: {
          drawClear: [
            (u) => {
              const { top, height } = u.bbox;
              // The selected claim's label as bands behind the curves, the question's status as a strip on top.
              drawRuns(u, bands, top, height, (v) => labelStyle(v).fill, 0.3);
              drawRuns(u, series.status, top, 10 * devicePixelRatio, (v) => statusStyle(v).fill, 1);
            },
          ],
          draw: [
            (u) => {
              if (moment === null) return;
              const x = u.valToPos(moment, 'x', true);
              u.ctx.save();
              u.ctx.strokeStyle = '#000000';
              u.ctx.setLineDash([4, 3]);
              u.ctx.beginPath();
              u.ctx.moveTo(x, u.bbox.top);
              u.ctx.lineTo(x, u.bbox.top + u.bbox.height);
              u.ctx.stroke();
              u.ctx.restore();
            },
          ],
        },
      },
      [times.map((_, i) => i), ...shown.map((id) => series.strengths.get(id) ?? [])] as uPlot.AlignedData,
      el,
    );
    const onClick = () => {
      const left = plot.cursor.left;
      if (left === undefined || left < 0) return;
      const i = Math.max(0, Math.min(times.length - 1, Math.round(plot.posToVal(left, 'x'))));
      updateRef.current({ asOf: new Date(times[i]).toISOString() });
    };
    plot.over.addEventListener('click', onClick);
    return () => {
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
    };
  }, [series, times, shown, state.claim, state.axis, moment, claimText]); // eslint-disable-line react-hooks/exhaustive-deps

  const selectedRuns = state.claim ? (series.labels.get(state.claim) ?? []) : [];
  return (
    <div className="timeline-tab">
      <div ref={host} className="timeline-plot" data-testid="timeline-plot" aria-hidden="true" />
      <p className="hint">
        {shown.length} of {series.strengths.size} claims drawn (the most eventful{state.claim ? ', and the selected one in black' : ''}); the strip on top is the
        question's status; click the plot to see the question as of that moment.
      </p>
      <h3>The question's status over time</h3>
      <ol className="runs">
        {series.status.map((run, i) => (
          <li key={i}>
            from {formatOccurred(new Date(run.from).toISOString())}: <strong>{run.value}</strong>
          </li>
        ))}
      </ol>
      {state.claim && (
        <>
          <h3>The selected claim's labels over time</h3>
          <ol className="runs">
            {selectedRuns.map((run, i) => (
              <li key={i}>
                from {formatOccurred(new Date(run.from).toISOString())}: <strong>{run.value}</strong>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
