import { lazy, Suspense, useMemo } from 'react';
import type { QuestionTabProps } from '../../app/features';
import { ClaimList } from './ClaimList';
import { graphElements, labelCounts } from './graph-elements';
import { layoutPositions } from './layout-client';
import { loadArgumentMap } from './load-map';
import { MapLegend } from './MapLegend';

// The map's chunk (cytoscape) is separate: the legend and the list of claims do not wait for it.
const ArgumentMap = lazy(loadArgumentMap);

/** The map's place while its code loads: the same size, so nothing moves when it arrives. */
function MapPlaceholder() {
  return (
    <section className="map" aria-label="Argument map" aria-busy="true">
      <div className="map-canvas map-loading">
        <p aria-live="polite">Loading the map…</p>
      </div>
    </section>
  );
}

/** The map tab: the map as of the page's moment (places fixed by the map now), its legend and its claims as a list. */
export function MapTab({ question, consensus, consensusAtMoment, timeline, moment, state, update }: QuestionTabProps) {
  const positions = useMemo(() => new Map(timeline.map((entry) => [entry.subjectId, entry.position])), [timeline]);
  const base = useMemo(() => {
    const elements = graphElements(question, consensus);
    // The layout starts now, in its worker, while the page renders and the map's code starts.
    void layoutPositions(elements);
    return elements;
  }, [question, consensus]);
  const shown = useMemo(
    () => (consensusAtMoment === consensus ? base : graphElements(question, consensusAtMoment, moment, positions)),
    [question, consensus, consensusAtMoment, moment, positions, base],
  );
  const counts = useMemo(() => labelCounts(consensusAtMoment), [consensusAtMoment]);
  const select = (id: string | null) => update({ claim: id && consensusAtMoment.claims.some((c) => c.id === id) ? id : id ? state.claim : null });
  return (
    <div className="map-tab">
      <Suspense fallback={<MapPlaceholder />}>
        <ArgumentMap base={base} shown={shown} selected={state.claim} onSelect={select} fileName={`argument-map-${question.id.slice(0, 8)}`} />
      </Suspense>
      <MapLegend counts={counts} />
      <ClaimList claims={consensusAtMoment.claims} selected={state.claim} onSelect={(id) => update({ claim: id })} />
    </div>
  );
}
