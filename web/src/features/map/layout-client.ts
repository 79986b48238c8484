import type { MapElement } from './graph-elements';
import type { Positions } from './map-geometry';

type Answer = { id: number; positions?: [string, { x: number; y: number }][]; ms?: number; error?: string };

let worker: Worker | null | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (p: Positions) => void; reject: (e: Error) => void }>();
const byElements = new WeakMap<readonly MapElement[], Promise<Positions>>();

/**
 * The layout worker (layout.worker.ts), started once. Started early (load-map.ts, as the page
 * starts on a question's map) its code is fetched and compiled while the question's data is on its
 * way. Null where a worker cannot be made. There is no second copy of the layout for the main thread:
 * dagre would then be shipped twice (the JavaScript budget), for browsers that all have workers.
 */
export function startLayoutWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  worker?.addEventListener('message', (event: MessageEvent<Answer>) => {
    const request = pending.get(event.data.id);
    if (!request) return;
    pending.delete(event.data.id);
    if (event.data.positions) {
      measureLayout(event.data.ms ?? Number.NaN);
      request.resolve(new Map(event.data.positions));
    }
    else request.reject(new Error(event.data.error ?? 'the layout worker gave no positions'));
  });
  worker?.addEventListener('error', () => {
    // A worker that cannot run (its script failed to load): what it was asked is laid out here instead.
    for (const request of pending.values()) request.reject(new Error('the layout worker failed to run (its script did not load)'));
    pending.clear();
    worker = null;
  });
  return worker;
}

/**
 * Where the map's nodes go (map-layout.ts), computed in the worker; the same array of elements is
 * laid out once (MapTab asks as soon as it has the elements, the map when it draws them). Rejects
 * when the worker cannot run, with what to say to the reader.
 */
export function layoutPositions(elements: readonly MapElement[]): Promise<Positions> {
  let positions = byElements.get(elements);
  if (!positions) {
    positions = inWorker(elements);
    byElements.set(elements, positions);
  }
  return positions;
}

function inWorker(elements: readonly MapElement[]): Promise<Positions> {
  const w = startLayoutWorker();
  if (!w) return Promise.reject(new Error('this browser could not start the layout worker (web workers are needed to lay the map out)'));
  const id = nextId++;
  return new Promise<Positions>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, elements });
  });
}

/** For the bench (bench/parts/web.ts): how long the map's first layout took (`map-layout`, ms). */
function measureLayout(ms: number): void {
  if (performance.getEntriesByName('map-layout').length > 0 || !Number.isFinite(ms)) return;
  const end = performance.now();
  performance.measure('map-layout', { start: end - ms, end });
}
