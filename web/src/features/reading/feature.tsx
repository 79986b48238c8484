import type { WebFeature } from '../../app/features';
import { ReadingTab } from './ReadingTab';

/** The reading view: a tab between the map (10) and the timeline (20), at `?view=reading`. */
const feature: WebFeature = {
  id: 'reading',
  tab: { label: 'Reading', order: 15, Component: ReadingTab },
};
export default feature;
