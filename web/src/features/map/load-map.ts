import type { ComponentType } from 'react';
import type { ArgumentMapProps } from './ArgumentMap';
import { startLayoutWorker } from './layout-client';

let loading: Promise<{ default: ComponentType<ArgumentMapProps> }> | null = null;

/**
 * The map's own chunk (cytoscape, dagre, the SVG export: most of the page's JavaScript), loaded once.
 * index.html asks for it with <link rel="modulepreload"> (web/vite.config.ts), so the browser fetches
 * and compiles it beside the shell; calling this early (feature.tsx, on a question's map) runs it
 * while the question's data is on its way, not after; it starts the layout worker too.
 */
export function loadArgumentMap(): Promise<{ default: ComponentType<ArgumentMapProps> }> {
  startLayoutWorker();
  loading ??= import('./ArgumentMap').then((module) => ({ default: module.ArgumentMap }));
  return loading;
}
