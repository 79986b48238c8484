import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { cytoscapeWithExtensions, LARGE_MAP } from './cytoscape-setup';
import type { MapElement } from './graph-elements';
import { mapPng, mapSvg, saveBlob } from './map-export';
import { focusNeighbourhood } from './map-focus';
import { mapStylesheet } from './map-style';

export interface ArgumentMapProps {
  /** The map as it is now: it fixes every node's place, so that stepping back in time does not move them. */
  base: MapElement[];
  /** What is shown (the map as of a moment); the rest of `base` is hidden. Defaults to `base`. */
  shown?: MapElement[];
  selected: string | null;
  onSelect: (id: string | null) => void;
  /** The file name the exports are saved under, without extension. */
  fileName: string;
}

/** The argument map: cytoscape on a canvas, laid out in layers (dagre), pan, zoom, fit, focus, export. */
export function ArgumentMap({ base, shown = base, selected, onSelect, fileName }: ArgumentMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const [only, setOnly] = useState(false);
  const [status, setStatus] = useState('');

  // One cytoscape for the component's life; elements are changed in place.
  useEffect(() => {
    const cytoscape = cytoscapeWithExtensions();
    const large = base.length > LARGE_MAP;
    const cy = cytoscape({
      container: container.current,
      style: mapStylesheet(),
      minZoom: 0.02,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
    });
    cy.on('tap', 'node', (event) => onSelectRef.current(event.target.id()));
    cy.on('tap', (event) => {
      if (event.target === cy) onSelectRef.current(null);
    });
    cyRef.current = cy;
    (window as unknown as { __ledgerMap?: Core }).__ledgerMap = cy;
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Elements: add what is new, update what changed, remove what is gone; lay out when nodes arrive.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const all = new Map<string, MapElement>();
    for (const element of base) all.set(element.data.id, element);
    for (const element of shown) all.set(element.data.id, element);
    const visible = new Set(shown.map((e) => e.data.id));
    let added = 0;
    cy.batch(() => {
      cy.elements().forEach((element) => {
        if (!all.has(element.id())) element.remove();
      });
      for (const element of all.values()) {
        const existing = cy.getElementById(element.data.id);
        const classes = `${element.classes}${visible.has(element.data.id) ? '' : ' absent'}`;
        if (existing.nonempty()) {
          existing.data(element.data);
          existing.classes(classes);
        } else {
          cy.add({ group: element.group, data: element.data, classes } as ElementDefinition);
          if (element.group === 'nodes') added++;
        }
      }
    });
    if (added > 0) {
      // The container may have been sized after cytoscape was made (fonts, the panel beside it).
      cy.resize();
      cy.layout({ name: 'dagre', rankDir: 'BT', nodeSep: 30, rankSep: 70, animate: false, fit: true, padding: 30 } as never).run();
      readableStart(cy);
      // For the bench (bench/parts/web.ts) and the tests: when the map first became interactive.
      if (performance.getEntriesByName('map-ready').length === 0) performance.mark('map-ready');
      document.documentElement.dataset.mapReady = String(cy.nodes().length);
      const node = selected ? cy.getElementById(selected) : null;
      if (node && node.nonempty()) focusNeighbourhood(cy, node, { only, animate: false });
    }
    setStatus(`${cy.nodes('.claim').not('.absent').length} claims and ${cy.nodes('.evidence').not('.absent').length} pieces of evidence on the map`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, shown]);

  // Selection: select and focus the node, or clear the focus.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes(':selected').unselect();
    const node = selected ? cy.getElementById(selected) : null;
    if (node && node.nonempty()) {
      node.select();
      focusNeighbourhood(cy, node, { only });
    } else {
      focusNeighbourhood(cy, null, { only });
    }
  }, [selected, only]);

  const fit = () => cyRef.current?.animate({ fit: { eles: cyRef.current.elements().not('.absent'), padding: 30 } }, { duration: 200 });
  const zoomBy = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  // Keyboard use of the canvas: arrows pan, + and − zoom, 0 fits, Escape clears the selection.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const cy = cyRef.current;
    if (!cy) return;
    const step = 60;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) cy.panBy({ x: moves[event.key][0], y: moves[event.key][1] });
    else if (event.key === '+' || event.key === '=') zoomBy(1.25);
    else if (event.key === '-') zoomBy(0.8);
    else if (event.key === '0') fit();
    else if (event.key === 'Escape') onSelect(null);
    else return;
    event.preventDefault();
  };

  return (
    <section className="map" aria-label="Argument map">
      <div className="toolbar" role="toolbar" aria-label="Map controls">
        <button type="button" onClick={() => zoomBy(1.25)} aria-label="Zoom in">+</button>
        <button type="button" onClick={() => zoomBy(0.8)} aria-label="Zoom out">−</button>
        <button type="button" onClick={fit}>Fit</button>
        <label>
          <input type="checkbox" checked={only} onChange={(e) => setOnly(e.target.checked)} /> Show only the selected claim's neighbourhood
        </label>
        <span className="spacer" />
        <button type="button" onClick={() => cyRef.current && saveBlob(mapSvg(cyRef.current), `${fileName}.svg`)}>Export SVG</button>
        <button type="button" onClick={() => cyRef.current && saveBlob(mapPng(cyRef.current), `${fileName}.png`)}>Export PNG</button>
      </div>
      <div
        ref={container}
        className="map-canvas"
        data-testid="map-canvas"
        tabIndex={0}
        role="application"
        aria-roledescription="argument map"
        aria-label="Argument map: arrow keys pan, plus and minus zoom, 0 fits, Escape clears the selection. The claims are also listed beside it."
        onKeyDown={onKeyDown}
      />
      <p className="map-status" aria-live="polite">{status}</p>
    </section>
  );
}

/** The zoom at which the claims' words are drawn (11 px type, drawn from 7 px on: min-zoomed-font-size). */
const READABLE_ZOOM = 0.65;

/**
 * A map that fits only too small to read starts at a readable zoom on its top instead (where the
 * claims everything else bears on are, as the layers run bottom to top); Fit shows the whole.
 * A large map starts fitted: its overview is the point, and focus or zoom reads it.
 */
function readableStart(cy: Core): void {
  if (cy.zoom() >= READABLE_ZOOM || cy.nodes().length > LARGE_MAP) return;
  const box = cy.elements().boundingBox();
  cy.zoom(READABLE_ZOOM);
  cy.pan({ x: cy.width() / 2 - ((box.x1 + box.x2) / 2) * READABLE_ZOOM, y: 20 - box.y1 * READABLE_ZOOM });
}
