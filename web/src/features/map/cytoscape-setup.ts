import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import svg from 'cytoscape-svg';

let registered = false;

/** cytoscape with the layered layout (dagre) and SVG export registered once. */
export function cytoscapeWithExtensions(): typeof cytoscape {
  if (!registered) {
    cytoscape.use(dagre);
    cytoscape.use(svg);
    registered = true;
  }
  return cytoscape;
}

/** Above this many nodes the map draws a still image while panning and hides edges meanwhile. */
export const LARGE_MAP = 300;
