import type { WebFeature } from '../../app/features';
import { MapTab } from './MapTab';

const feature: WebFeature = { id: 'map', tab: { label: 'Map', order: 10, Component: MapTab } };
export default feature;
