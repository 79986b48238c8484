import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { CHROMIUM, HAVE_CHROMIUM } from '../../test/web/support/browser';
import { startReferenceServer } from '../../test/web/support/reference-server';
import { ensureWebBuild, WEB_DIST } from '../../test/web/support/web-build';
import { sizedLedger } from '../lib/ledgers';
import { median, percentile } from '../lib/stats';

// The page's globals, as the functions given to page.evaluate see them (this file is compiled without the DOM library).
declare const document: { documentElement: { dataset: Record<string, string | undefined> } };
declare const window: unknown;
declare function requestAnimationFrame(callback: (time: number) => void): number;

export interface WebOptions {
  /** Page loads of the reference question timed (each in a fresh browser context: nothing cached). */
  loads: number;
  /** Frames timed while panning the 1,000-claim question's map. */
  frames: number;
}

export interface WebResult {
  /** The page's JavaScript, gzip-compressed (level 9), all chunks. */
  jsGzipBytes: number;
  jsBytes: number;
  skipped: string | null;
  /**
   * Navigation start → the reference question's map laid out and first drawn (from then on it answers
   * input), ms; `layout`: the p50 of the layout alone (positions by dagre), ms.
   */
  interactive: { p50: number; max: number; samples: number; layout: number } | null;
  /** The same for a 1,000-claim question. */
  interactiveLarge: number | null;
  /** Time between frames while the 1,000-claim map is panned continuously, ms. */
  panning: { p50: number; p95: number; max: number; frames: number; nodes: number } | null;
}

function jsSizes(): { raw: number; gzip: number } {
  const dir = join(WEB_DIST, 'assets');
  let raw = 0;
  let gzip = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    const bytes = readFileSync(join(dir, name));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

const launch = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });

/**
 * Opens a question's page in a fresh context (nothing cached) and returns when its map was first drawn,
 * laid out (ms from navigation start: the page's `map-ready` mark, set on cytoscape's first render
 * after the layout), and how long the layout took (its `map-layout` measure).
 */
async function timeToMap(browser: Browser, url: string): Promise<{ ready: number; layout: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.mapReady !== undefined, undefined, { timeout: 120_000 });
  const times = await page.evaluate(() => ({
    ready: performance.getEntriesByName('map-ready')[0]?.startTime ?? Number.NaN,
    layout: performance.getEntriesByName('map-layout')[0]?.duration ?? Number.NaN,
  }));
  await context.close();
  return times;
}

/**
 * The web page's figures (issue 16): the JavaScript it ships (gzip), the time until the reference
 * question's map is interactive on loopback, and the frame time while panning a 1,000-claim map, in
 * Debian's Chromium (headless, software rendering: a machine with a GPU draws faster).
 */
export async function webBench(options: WebOptions): Promise<WebResult> {
  await ensureWebBuild();
  const sizes = jsSizes();
  const result: WebResult = { jsGzipBytes: sizes.gzip, jsBytes: sizes.raw, skipped: null, interactive: null, interactiveLarge: null, panning: null };
  if (!HAVE_CHROMIUM) return { ...result, skipped: `no Chromium at ${CHROMIUM}` };

  const browser = await launch();
  try {
    const reference = await startReferenceServer();
    try {
      const url = `${reference.baseUrl}/questions/${reference.questionId}`;
      await timeToMap(browser, url); // warm-up: the server's first consensus read, the browser's first start
      const samples: { ready: number; layout: number }[] = [];
      for (let i = 0; i < options.loads; i++) samples.push(await timeToMap(browser, url));
      const ready = samples.map((s) => s.ready);
      result.interactive = { p50: median(ready), max: Math.max(...ready), samples: samples.length, layout: median(samples.map((s) => s.layout)) };
    } finally {
      await reference.close();
    }

    // The 1,000-claim question of the sized ledger (bench/lib/ledgers.ts), served by the real app.
    const info = sizedLedger([1_000]);
    const question = info.questions[0];
    const dir = mkdtempSync(join(tmpdir(), 'bench-web-'));
    mkdirSync(join(dir, 'app'));
    copyFileSync(info.file, join(dir, 'app', 'ledger.db'));
    const app = await createApp(loadConfig({ LEDGER_DATA_DIR: join(dir, 'app'), LEDGER_SEED: 'none', PORT: '0', LEDGER_SNAPSHOT_EVERY: '1000000000' }), { logger: false });
    try {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/questions/${question.id}`;
      await timeToMap(browser, url);
      result.interactiveLarge = (await timeToMap(browser, url)).ready;
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => document.documentElement.dataset.mapReady !== undefined, undefined, { timeout: 120_000 });
      // Pan a little every frame, as a reader dragging the map does, and time the frames.
      const frames = await page.evaluate(async (count) => {
        const cy = (window as unknown as { __ledgerMap: { panBy(p: { x: number; y: number }): void; zoom(level?: number): number; nodes(): { length: number } } }).__ledgerMap;
        const times: number[] = [];
        await new Promise<void>((done) => {
          let last = performance.now();
          let i = 0;
          const frame = (t: number) => {
            times.push(t - last);
            last = t;
            cy.panBy({ x: i % 120 < 60 ? 6 : -6, y: 2 });
            if (++i < count) requestAnimationFrame(frame);
            else done();
          };
          requestAnimationFrame(frame);
        });
        return { times: times.slice(2), nodes: cy.nodes().length };
      }, options.frames);
      result.panning = { p50: median(frames.times), p95: percentile(frames.times, 95), max: Math.max(...frames.times), frames: frames.times.length, nodes: frames.nodes };
      await context.close();
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  return result;
}
