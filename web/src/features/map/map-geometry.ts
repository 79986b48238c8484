/** The sizes the stylesheet draws (map-style.ts): the layout reserves exactly this room. */
export const CLAIM_SIZE = { width: 220, height: 84 } as const;
export const EVIDENCE_SIZE = { width: 180, height: 60 } as const;

/** Where each node of the map goes (its centre), by id. */
export type Positions = Map<string, { x: number; y: number }>;

/** The zoom at which the claims' words are drawn (11 px type, drawn from 7 px on: min-zoomed-font-size). */
export const READABLE_ZOOM = 0.65;
const PADDING = 30;
/** The map's zoom limits (cytoscape ignores a zoom outside them, so the start keeps within them too). */
export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 3;
const MAX_START_ZOOM = 1.25;

/**
 * Where the map starts: fitted to the view, unless that is too small to read, in which case it starts
 * at a readable zoom on its top (where the claims everything else bears on are, as the layers run
 * bottom to top); Fit shows the whole. A large map starts fitted: its overview is the point, and focus
 * or zoom reads it. Computed from the positions and the nodes' known sizes, so that no element's
 * label has to be measured before the first draw.
 */
export function startViewport(positions: Positions, view: { width: number; height: number }, large: boolean): { zoom: number; pan: { x: number; y: number } } {
  if (positions.size === 0) return { zoom: 1, pan: { x: view.width / 2, y: view.height / 2 } };
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  // Every node is at most a claim's size: the box may be a few pixels generous around evidence.
  for (const { x, y } of positions.values()) {
    x1 = Math.min(x1, x - CLAIM_SIZE.width / 2);
    x2 = Math.max(x2, x + CLAIM_SIZE.width / 2);
    y1 = Math.min(y1, y - CLAIM_SIZE.height / 2);
    y2 = Math.max(y2, y + CLAIM_SIZE.height / 2);
  }
  const fitted = Math.min((view.width - 2 * PADDING) / (x2 - x1), (view.height - 2 * PADDING) / (y2 - y1));
  const whole = large || fitted >= READABLE_ZOOM;
  // A small map is not blown up beyond its natural size (the words are drawn for zoom 1).
  const zoom = whole ? Math.max(MIN_ZOOM, Math.min(fitted, MAX_START_ZOOM)) : READABLE_ZOOM;
  const top = whole ? (view.height - zoom * (y2 - y1)) / 2 : PADDING;
  return { zoom, pan: { x: view.width / 2 - ((x1 + x2) / 2) * zoom, y: top - y1 * zoom } };
}
