import type { StylesheetJson } from 'cytoscape';
import { LABEL_STYLES, LABELS } from '../../labels/palette';

/**
 * How relations are drawn: each kind has its own line, arrow and colour, so none is told apart by
 * colour alone. The colours are Okabe–Ito's, dark enough on white (3:1 or better for graphics).
 */
export const RELATION_STYLES = {
  supports: { color: '#0072B2', line: 'solid', arrow: 'triangle', words: 'supports: solid line, arrow' },
  rebuts: { color: '#B84A00', line: 'dashed', arrow: 'tee', words: 'rebuts: dashed line, bar' },
  undercuts: { color: '#A2527F', line: 'dotted', arrow: 'triangle-cross', words: 'undercuts: dotted line, crossed arrow' },
  competes: { color: '#333333', line: 'dashed', arrow: 'diamond', words: 'competes: long dashes, diamonds at both ends' },
} as const;

const borderStyle = { solid: 'solid', dashed: 'dashed', dotted: 'dotted', double: 'double' } as const;

/**
 * The map's stylesheet. A large map (`large`: more nodes than LARGE_MAP) draws its edges straight:
 * bundling parallel edges into curves costs a computation per edge at every change, and at the zoom
 * a large map is read at, a curve and a line look alike.
 */
export function mapStylesheet({ large = false }: { large?: boolean } = {}): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(caption)',
        'text-wrap': 'wrap',
        'text-max-width': '200px',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': 11,
        'font-family': 'system-ui, sans-serif',
        // Level of detail: below this on-screen size the words are not drawn, only the shapes and
        // colours (what a 1,000-claim map shows when it is fitted); zooming in brings them back.
        'min-zoomed-font-size': 7,
        width: 220,
        height: 84,
        'border-width': 2,
        'border-color': '#222222',
      },
    },
    ...LABELS.map((label) => ({
      selector: `node.label-${label}`,
      style: {
        'background-color': LABEL_STYLES[label].fill,
        color: LABEL_STYLES[label].text,
        shape: LABEL_STYLES[label].shape,
        'border-style': borderStyle[LABEL_STYLES[label].border],
        'border-width': LABEL_STYLES[label].border === 'double' ? 5 : 2,
      },
    })),
    {
      selector: 'node.evidence',
      style: { shape: 'round-tag', 'background-color': '#FFFFFF', color: '#000000', width: 180, height: 60, 'font-size': 10, 'border-width': 2 },
    },
    // A lead: evidence cited but not read, drawn hollow and dashed (it is something to follow, not proof).
    { selector: 'node.evidence.lead', style: { 'border-style': 'dashed', 'background-opacity': 0.6, 'border-color': '#555555' } },
    {
      selector: 'edge',
      style: {
        width: 2,
        'curve-style': large ? 'straight' : 'bezier',
        'arrow-scale': 1.2,
        label: 'data(relation)',
        'font-size': 9,
        'min-zoomed-font-size': 8,
        'text-background-color': '#FFFFFF',
        'text-background-opacity': 1,
        'text-rotation': 'autorotate',
      },
    },
    ...Object.entries(RELATION_STYLES).map(([kind, s]) => ({
      selector: `edge.rel-${kind}`,
      style: {
        'line-color': s.color,
        'target-arrow-color': s.color,
        'source-arrow-color': s.color,
        'line-style': s.line,
        'target-arrow-shape': s.arrow,
        ...(kind === 'competes' ? { 'source-arrow-shape': 'diamond', 'line-dash-pattern': [12, 6] } : {}),
      },
    })),
    { selector: 'edge.lead', style: { 'line-style': 'dashed', opacity: 0.7 } },
    { selector: '.absent', style: { display: 'none' } },
    { selector: '.hidden-by-focus', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node:selected', style: { 'overlay-color': '#000000', 'overlay-opacity': 0.12, 'border-color': '#000000', 'border-width': 6 } },
  ] as StylesheetJson;
}
