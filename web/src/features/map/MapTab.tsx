import { useMemo } from 'react';
import type { QuestionTabProps } from '../../app/features';
import { ClaimList } from './ClaimList';
import { ArgumentMap } from './ArgumentMap';
import { graphElements, labelCounts } from './graph-elements';
import { MapLegend } from './MapLegend';

/** The map tab: the map as of the page's moment (places fixed by the map now), its legend and its claims as a list. */
export function MapTab({ question, consensus, consensusAtMoment, timeline, moment, state, update }: QuestionTabProps) {
  const positions = useMemo(() => new Map(timeline.map((entry) => [entry.subjectId, entry.position])), [timeline]);
  const base = useMemo(() => graphElements(question, consensus), [question, consensus]);
  const shown = useMemo(
    () => (consensusAtMoment === consensus ? base : graphElements(question, consensusAtMoment, moment, positions)),
    [question, consensus, consensusAtMoment, moment, positions, base],
  );
  const counts = useMemo(() => labelCounts(consensusAtMoment), [consensusAtMoment]);
  const select = (id: string | null) => update({ claim: id && consensusAtMoment.claims.some((c) => c.id === id) ? id : id ? state.claim : null });
  return (
    <div className="map-tab">
      <ArgumentMap base={base} shown={shown} selected={state.claim} onSelect={select} fileName={`argument-map-${question.id.slice(0, 8)}`} />
      <MapLegend counts={counts} />
      <ClaimList claims={consensusAtMoment.claims} selected={state.claim} onSelect={(id) => update({ claim: id })} />
    </div>
  );
}
