import cytoscape from 'cytoscape';
import svg from 'cytoscape-svg';

let registered = false;

/** cytoscape with the SVG export registered once (the layered layout is map-layout.ts, run before cytoscape sees the nodes). */
export function cytoscapeWithExtensions(): typeof cytoscape {
  if (!registered) {
    cytoscape.use(svg);
    registered = true;
  }
  return cytoscape;
}

/** Above this many nodes the map draws a still image while panning and hides edges meanwhile. */
export const LARGE_MAP = 300;
