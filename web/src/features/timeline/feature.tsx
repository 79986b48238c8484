import { lazy } from 'react';
import type { WebFeature } from '../../app/features';

// uPlot is loaded with the tab, not with the page: the map, which most readers open first, does not wait for it.
const TimelineTab = lazy(() => import('./TimelineTab').then((m) => ({ default: m.TimelineTab })));

const feature: WebFeature = { id: 'timeline', tab: { label: 'Timeline', order: 20, Component: TimelineTab } };
export default feature;
