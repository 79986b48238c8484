import { describe, expect, it } from 'vitest';
import type { MapElement } from '../../web/src/features/map/graph-elements';
import { CLAIM_SIZE, EVIDENCE_SIZE, MIN_ZOOM, READABLE_ZOOM, startViewport } from '../../web/src/features/map/map-geometry';
import { mapPositions } from '../../web/src/features/map/map-layout';

const claim = (id: string): MapElement => ({ group: 'nodes', data: { id, kind: 'claim' }, classes: 'claim' });
const evidence = (id: string): MapElement => ({ group: 'nodes', data: { id, kind: 'evidence' }, classes: 'evidence' });
const edge = (source: string, target: string, id = `${source}->${target}`): MapElement => ({ group: 'edges', data: { id, source, target, relation: 'supports' }, classes: 'rel-supports' });

type Box = { x1: number; x2: number; y1: number; y2: number };
const box = (p: { x: number; y: number }, size: { width: number; height: number }): Box => ({ x1: p.x - size.width / 2, x2: p.x + size.width / 2, y1: p.y - size.height / 2, y2: p.y + size.height / 2 });
const overlap = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

describe('the map’s layout', () => {
  // a ← b ← c (c answers b, b answers a), d answers a; four pieces of evidence for b, one for d, a lead for a.
  const elements: MapElement[] = [
    claim('a'), claim('b'), claim('c'), claim('d'),
    evidence('e1'), evidence('e2'), evidence('e3'), evidence('e4'), evidence('e5'), evidence('lead'),
    edge('b', 'a'), edge('c', 'b'), edge('d', 'a'),
    edge('e1', 'b'), edge('e2', 'b'), edge('e3', 'b'), edge('e4', 'b'), edge('e5', 'd'), edge('lead', 'a'),
    // source criticism: a claim bearing on a piece of evidence does not move it away from its claim
    edge('c', 'e2', 'r-on-evidence'),
  ];
  const positions = mapPositions(elements);
  const sizeOf = (id: string) => (id.startsWith('e') || id === 'lead' ? EVIDENCE_SIZE : CLAIM_SIZE);

  it('places every node', () => {
    expect([...positions.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e1', 'e2', 'e3', 'e4', 'e5', 'lead']);
  });

  it('puts a claim above the claims that bear on it (layers bottom to top)', () => {
    expect(positions.get('b')!.y).toBeLessThan(positions.get('c')!.y);
    expect(positions.get('a')!.y).toBeLessThan(positions.get('b')!.y);
    expect(positions.get('a')!.y).toBeLessThan(positions.get('d')!.y);
  });

  it('sets evidence beside its claim, to its right, two high, and nothing overlaps', () => {
    const b = positions.get('b')!;
    for (const id of ['e1', 'e2', 'e3', 'e4']) {
      const e = positions.get(id)!;
      expect(e.x).toBeGreaterThan(b.x + CLAIM_SIZE.width / 2);
      expect(e.y - EVIDENCE_SIZE.height / 2).toBeGreaterThanOrEqual(b.y - CLAIM_SIZE.height / 2);
    }
    expect(positions.get('e1')!.x).toBe(positions.get('e2')!.x); // one column of two
    expect(positions.get('e3')!.x).toBeGreaterThan(positions.get('e1')!.x); // then the next
    expect(positions.get('lead')!.x).toBeGreaterThan(positions.get('a')!.x);
    const ids = [...positions.keys()];
    for (const i of ids) for (const j of ids) if (i < j) expect(overlap(box(positions.get(i)!, sizeOf(i)), box(positions.get(j)!, sizeOf(j))), `${i} and ${j}`).toBe(false);
  });

  it('is the same for the same map (a place per node, not a random one)', () => {
    expect(mapPositions(elements)).toEqual(positions);
  });

  it('starts a small map fitted, and one too wide to read at a readable zoom on its top', () => {
    const small = startViewport(new Map([['a', { x: 0, y: 0 }], ['b', { x: 0, y: 200 }]]), { width: 1000, height: 800 }, false);
    expect(small.zoom).toBeGreaterThan(READABLE_ZOOM);
    expect(small.zoom).toBeLessThanOrEqual(1.25);
    // centred: the middle of the two nodes is in the middle of the view
    expect(small.pan.x).toBeCloseTo(500);
    expect(small.pan.y + 100 * small.zoom).toBeCloseTo(400);

    const wide = new Map(Array.from({ length: 40 }, (_, i) => [`n${i}`, { x: i * 250, y: i % 2 ? 0 : 150 }] as const));
    const start = startViewport(wide, { width: 1000, height: 800 }, false);
    expect(start.zoom).toBe(READABLE_ZOOM);
    // the top of the highest node is 30 px below the view's top edge
    expect(start.pan.y + (0 - CLAIM_SIZE.height / 2) * start.zoom).toBeCloseTo(30);
    // a large map starts fitted, however small that makes it
    expect(startViewport(wide, { width: 1000, height: 800 }, true).zoom).toBeLessThan(READABLE_ZOOM);
    // …but no smaller than the map's least zoom (cytoscape would refuse it and stay at 1)
    const huge = new Map(Array.from({ length: 2000 }, (_, i) => [`n${i}`, { x: i * 250, y: 0 }] as const));
    expect(startViewport(huge, { width: 1000, height: 800 }, true).zoom).toBe(MIN_ZOOM);
  });
});
