import { lazy } from 'react';
import type { WebFeature } from '../../app/features';

// Loaded with the tab (the question page's Suspense shows "Loading…" meanwhile): the map does not wait for it.
const ReadingTab = lazy(() => import('./ReadingTab').then((m) => ({ default: m.ReadingTab })));

/** The reading view: a tab between the map (10) and the timeline (20), at `?view=reading`. */
const feature: WebFeature = {
  id: 'reading',
  tab: { label: 'Reading', order: 15, Component: ReadingTab },
};
export default feature;
