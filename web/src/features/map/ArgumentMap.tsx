import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { cytoscapeWithExtensions, LARGE_MAP } from './cytoscape-setup';
import { layoutPositions } from './layout-client';
import { MAX_ZOOM, MIN_ZOOM, startViewport, type Positions } from './map-geometry';
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
  // Read when the places arrive (later than the render that asked for them).
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const onlyRef = useRef(only);
  onlyRef.current = only;
  const [status, setStatus] = useState('');

  // One cytoscape for the component's life; elements are changed in place.
  useEffect(() => {
    const cytoscape = cytoscapeWithExtensions();
    const large = base.length > LARGE_MAP;
    const cy = cytoscape({
      container: container.current,
      style: mapStylesheet({ large }),
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
      motionBlur: false,
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

  // Elements: add what is new, update what changed, remove what is gone. When nodes arrive, the map
  // is laid out again (in the layout worker) and the elements are changed once the places are known,
  // so that nothing is drawn where it does not belong.
  const run = useRef(0);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const all = new Map<string, MapElement>();
    for (const element of base) all.set(element.data.id, element);
    for (const element of shown) all.set(element.data.id, element);
    const visible = new Set(shown.map((e) => e.data.id));
    const arriving = [...all.values()].some((e) => e.group === 'nodes' && cy.getElementById(e.data.id).empty());
    const apply = (positions: Positions | null) => {
      // A large map starts fitted, every element in view: its first frame builds the layers at once,
      // so that the frames after it (a reader panning) only paste them. A small map draws what is in
      // view first.
      if (positions) firstFrameBuildsLayers(cy, cy.nodes().length + base.length > LARGE_MAP);
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
            const position = element.group === 'nodes' ? (positions?.get(element.data.id) ?? { x: 0, y: 0 }) : undefined;
            cy.add({ group: element.group, data: element.data, classes, position } as ElementDefinition);
          }
        }
        if (positions) cy.nodes().positions((node) => positions.get(node.id()) ?? node.position());
      });
      // Every element's drawn size (style, words, edge curves) is worked out now, before the first
      // frame: worked out during that frame instead, it marks the elements changed just after their
      // layers are drawn, and the frames that follow (a reader panning) draw them all over again
      // (on the 1,000-claim map, twenty frames of 50–200 ms instead of 17).
      if (positions && cy.nodes().length > LARGE_MAP) cy.elements().boundingBox();
      if (positions) {
        // The container may have been sized after cytoscape was made (fonts, the panel beside it).
        cy.resize();
        cy.viewport(startViewport(positions, { width: cy.width(), height: cy.height() }, cy.nodes().length > LARGE_MAP));
        // For the bench (bench/parts/web.ts) and the tests: when the laid-out map was first drawn
        // (it answers input from then on). Cytoscape draws on the next animation frame.
        cy.one('render', () => {
          if (performance.getEntriesByName('map-ready').length === 0) performance.mark('map-ready');
          document.documentElement.dataset.mapReady = String(cy.nodes().length);
        });
        const node = selectedRef.current ? cy.getElementById(selectedRef.current) : null;
        if (node && node.nonempty()) focusNeighbourhood(cy, node, { only: onlyRef.current, animate: false });
      }
      setStatus(`${cy.nodes('.claim').not('.absent').length} claims and ${cy.nodes('.evidence').not('.absent').length} pieces of evidence on the map`);
    };
    if (!arriving) {
      apply(null);
      return;
    }
    const current = ++run.current;
    // The map now is what fixes the places; only a node of the moment that is not in it (a claim
    // retracted since) makes the layout take the union.
    const inBase = new Set(base.map((e) => e.data.id));
    const extra = shown.some((e) => e.group === 'nodes' && !inBase.has(e.data.id));
    layoutPositions(extra ? [...all.values()] : base).then(
      (positions) => {
        if (current === run.current && cyRef.current === cy) apply(positions);
      },
      (error: Error) => {
        if (current === run.current) setStatus(`The map could not be laid out: ${error.message}. The claims are listed beside it.`);
      },
    );
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

/**
 * Cytoscape's canvas renderer draws its very first frame by rendering every element of the map into
 * layered textures at once (its LayeredTextureCache's `firstGet`); later frames draw the elements in
 * view from their own caches and build the layers over the next frames, in the time left between
 * them. The map is drawn empty before its places arrive (the layout runs in a worker), which spends
 * that flag: this sets it for the frame that first shows the map. On the reference question, drawing
 * only what is in view is most of the first frame saved; on a fitted 1,000-claim map everything is in
 * view, and building the layers at once keeps the frames after it short. The flag is internal to
 * cytoscape: if a later version drops it, this does nothing, and only those frames' lengths change.
 */
function firstFrameBuildsLayers(cy: Core, buildLayers: boolean): void {
  const renderer = (cy as unknown as { renderer?: () => { data?: { lyrTxrCache?: { firstGet?: boolean } } } }).renderer?.();
  const layers = renderer?.data?.lyrTxrCache;
  if (layers && typeof layers.firstGet === 'boolean') layers.firstGet = buildLayers;
}
