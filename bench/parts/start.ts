import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, REPO } from '../lib/child';
import { compileSources } from '../lib/compiled';
import { mixedLedger, type MixedShape } from '../lib/ledgers';
import { median, now } from '../lib/stats';

export interface StartOptions {
  /** The ledger started from its snapshot (made by a first start, not timed). */
  withSnapshot: MixedShape;
  /** The ledger started with no snapshot: every event read and verified at start. */
  withoutSnapshot: MixedShape;
  runs: number;
}

/** One timed start: spawn → the first 200 on /health, and → /health saying the read models are live. */
interface StartRun {
  healthMs: number;
  liveMs: number;
  /** The slowest /health answer while the read models caught up (each probe a new connection). */
  slowestProbeMs: number;
}

interface StartFigure {
  events: number;
  healthP50: number;
  healthMax: number;
  liveP50: number;
  slowestProbeMs: number;
  runs: StartRun[];
  snapshotBytes?: number;
}

const SNAPSHOT = 'projections.snapshot';
const TOKEN = 'clt_bench-start-admin-token-0123456789abcdefghij';

/**
 * Start-up of the server as `npm start` runs it (`node dist/src/main.js`, compiled here with SWC:
 * bench/lib/compiled.ts), each a fresh process on a copy of a bench ledger: the time from spawning
 * Node to the first 200 on /health, and to /health saying the read models are live; median of
 * `runs` starts. Two cases: a ledger with the snapshot a first start left (the snapshot restored,
 * the log after it read), and a ledger with none (every event read, folded and verified). Also
 * reported: what `npm start` adds before the server (`bin/build-if-stale.js` when nothing changed:
 * a walk over file times) and Node's own start.
 */
export async function startBench(options: StartOptions) {
  const main = join(compileSources('start-build'), 'src', 'main.js');
  const staleCheck = [0, 1, 2].map(() => timeSync([join(REPO, 'bin', 'build-if-stale.js'), '--dry-run']));
  const node = [0, 1, 2].map(() => timeSync(['-e', '']));

  const withSnapshot = await startCase(main, options.withSnapshot, options.runs, true);
  const withoutSnapshot = await startCase(main, options.withoutSnapshot, options.runs, false);
  return { withSnapshot, withoutSnapshot, staleCheckP50: median(staleCheck), nodeP50: median(node) };
}

async function startCase(main: string, shape: MixedShape, runs: number, snapshot: boolean): Promise<StartFigure> {
  const info = mixedLedger(shape);
  const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
  try {
    copyFileSync(info.file, join(dir, 'ledger.db'));
    // The first start reads the whole log and leaves a snapshot (and the admin, the signing key,
    // the checkpoint), as a server that ran before would have; it is not timed.
    await timedStart(main, dir);
    if (snapshot && !existsSync(join(dir, SNAPSHOT))) throw new Error('the first start left no snapshot');
    const snapshotBytes = snapshot ? statSync(join(dir, SNAPSHOT)).size : undefined;
    const timed: StartRun[] = [];
    for (let run = 0; run < runs; run++) {
      if (!snapshot) rmSync(join(dir, SNAPSHOT), { force: true });
      timed.push(await timedStart(main, dir));
    }
    return {
      events: info.events,
      healthP50: median(timed.map((r) => r.healthMs)),
      healthMax: Math.max(...timed.map((r) => r.healthMs)),
      liveP50: median(timed.map((r) => r.liveMs)),
      slowestProbeMs: Math.max(...timed.map((r) => r.slowestProbeMs)),
      runs: timed,
      ...(snapshotBytes !== undefined ? { snapshotBytes } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the server on `dir`, times it to the first 200 on /health and to `live`, and stops it. */
async function timedStart(main: string, dir: string): Promise<StartRun> {
  const started = now();
  const child = spawn(process.execPath, [main], {
    cwd: REPO,
    env: { ...process.env, LEDGER_DATA_DIR: dir, LEDGER_SEED: 'none', PORT: '0', HOST: '127.0.0.1', LEDGER_ADMIN_TOKEN: TOKEN, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const port = await listeningPort(child);
    let healthMs = Number.NaN;
    let slowestProbeMs = 0;
    for (;;) {
      const probeStarted = now();
      const answer = await health(port);
      const probeMs = now() - probeStarted;
      if (answer.status === 200) {
        if (Number.isNaN(healthMs)) healthMs = now() - started;
        else slowestProbeMs = Math.max(slowestProbeMs, probeMs);
        if ((answer.body as { details?: { projections?: { state?: string } } }).details?.projections?.state === 'live') {
          return { healthMs, liveMs: now() - started, slowestProbeMs };
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    const done = exited(child);
    child.kill('SIGTERM');
    const code = await done;
    if (code !== 0) throw new Error(`the server exited with ${code} when stopped`);
  }
}

/** The port from the server's "listening on http://host:port" line (PORT=0: the system chose it). */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const found = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before it listened: ${errors || output}`)));
  });
}

/** GET /health on a connection of its own (no keep-alive: nothing depends on a socket the server may have closed). */
function health(port: number): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    // Anonymous, as a load balancer probes it (reads are public by default, so the details come too).
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let body: unknown = undefined;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: only the status counts
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', () => resolve({ status: 0, body: undefined }));
    req.end();
  });
}

function timeSync(args: string[]): number {
  const started = now();
  const result = spawnSync(process.execPath, args, { cwd: REPO, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  return now() - started;
}
