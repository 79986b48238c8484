import type { SourceLookup } from '../consensus';
import { reliabilityAsOf, type AsOf } from '../time-travel/as-of';
import type { SourcesView } from './sources.projection';

/** The consensus's view of the sources as they stand now: title and current reliability. */
export function sourceLookup(view: SourcesView): SourceLookup {
  return (sourceId) => {
    const source = view.sources.get(sourceId);
    return source ? { title: source.title, reliability: source.reliability } : undefined;
  };
}

/** The same as of a moment: each source's reliability as it was appraised then. */
export function sourceLookupAsOf(view: SourcesView, asOf: AsOf): SourceLookup {
  return (sourceId) => {
    const source = view.sources.get(sourceId);
    return source ? { title: source.title, reliability: reliabilityAsOf(source, asOf) } : undefined;
  };
}
