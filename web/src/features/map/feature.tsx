import type { WebFeature } from '../../app/features';
import { parseLocation } from '../../app/url-state';
import { loadArgumentMap } from './load-map';
import { MapTab } from './MapTab';

// A question's map opened by its URL: its code starts loading now, beside the question's data.
if (typeof location !== 'undefined') {
  const state = parseLocation(location.pathname, location.search);
  if (state.page === 'question' && state.view === 'map') void loadArgumentMap();
}

const feature: WebFeature = { id: 'map', tab: { label: 'Map', order: 10, Component: MapTab } };
export default feature;
