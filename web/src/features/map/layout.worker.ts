/// <reference lib="webworker" />
import type { MapElement } from './graph-elements';
import { mapPositions } from './map-layout';

/**
 * The map's layout (dagre) off the page's main thread: while it runs, the main thread renders the
 * question page and starts cytoscape. Asked by layout-client.ts; answers the positions as pairs.
 */
self.onmessage = (event: MessageEvent<{ id: number; elements: MapElement[] }>) => {
  const { id, elements } = event.data;
  try {
    const start = performance.now();
    const positions = [...mapPositions(elements)];
    self.postMessage({ id, positions, ms: performance.now() - start });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
