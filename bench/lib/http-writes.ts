import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { exited, nodeArgs, REPO } from './child';
import { median } from './stats';

export interface HttpRun {
  /** Requests per second: the median of autocannon's one-second samples. */
  rps: number;
  meanRps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** Starts one of bench/servers in its own process; resolves with the JSON line it prints when ready. */
async function startServer<T>(script: string, env: Record<string, string> = {}): Promise<{ info: T; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, nodeArgs(`servers/${script}`), { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<T>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as T));
  });
  return {
    info,
    stop: async () => {
      const done = exited(child);
      child.kill('SIGTERM');
      await done;
    },
  };
}

/** One autocannon run. Promise form: autocannon skips the warm-up when given a callback. */
async function load(url: string, body: string, headers: Record<string, string>, seconds: number, warmUp: boolean): Promise<autocannon.Result> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    body,
    // A warm-up before a server's first run, so the JIT and the first claims' cost are not in the figures.
    ...(warmUp ? { warmup: { connections: 10, duration: WARM_UP_SECONDS } } : {}),
  } as autocannon.Options);
  if (warmUp && !(result as autocannon.Result & { warmup?: unknown }).warmup) throw new Error('autocannon did not warm up');
  return result;
}

function summarise(result: autocannon.Result): HttpRun {
  return {
    rps: result.requests.p50,
    meanRps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const WARM_UP_SECONDS = 3;
/** The runs of the bare application on the ledger's adapter (information, not a target): at most this long. */
const ADAPTED_SECONDS = 6;

const CLAIM = JSON.stringify({
  text: 'The allowance was paid from the budget of the Executive Committee of the Red Cross, not by the NKVD.',
  kind: 'hypothesis',
});

export interface HttpComparison {
  /** The medians over the runs. */
  ledger: HttpRun;
  bare: HttpRun;
  /** The median of the runs' ratios, each run of the app against the run of the bare server just before it. */
  ratio: number;
  runs: { ledger: HttpRun; bare: HttpRun; ratio: number; bareOnLedgerAdapter: HttpRun; ratioOnLedgerAdapter: number }[];
  /**
   * The same bare application on the ledger's Express adapter (src/http/express-platform.ts), in
   * shorter runs after each pair: the adapter speeds up any Nest application on Express, and this
   * says how much of the ledger's figure is the platform's and how much its own.
   */
  bareOnLedgerAdapter: HttpRun;
  ratioOnLedgerAdapter: number;
}

/**
 * `POST /api/questions/:id/claims` on the real application against `POST /echo` on a bare Nest
 * application, each in its own process, autocannon with 10 connections for `seconds` from this one,
 * in `runs` pairs taken in turn: the machine's speed drifts over a minute by more than the figures
 * differ, and a ratio of two runs taken one after the other is steadier than one of two distant
 * runs. Loopback only.
 */
export async function httpWrites(seconds: number, runs: number): Promise<HttpComparison> {
  const bareServer = await startServer<{ port: number }>('bare-server.ts');
  try {
    const adaptedServer = await startServer<{ port: number }>('bare-server.ts', { BENCH_BARE_ADAPTER: 'ledger' });
    try {
      const ledgerServer = await startServer<{ port: number; questionId: string; token: string }>('ledger-server.ts');
      try {
        const { port, questionId, token } = ledgerServer.info;
        const pairs: HttpComparison['runs'] = [];
        for (let run = 0; run < runs; run++) {
          const bare = summarise(await load(`http://127.0.0.1:${bareServer.info.port}/echo`, CLAIM, {}, seconds, run === 0));
          const ledger = summarise(
            await load(`http://127.0.0.1:${port}/api/questions/${questionId}/claims`, CLAIM, { authorization: `Bearer ${token}` }, seconds, run === 0),
          );
          const bareOnLedgerAdapter = summarise(await load(`http://127.0.0.1:${adaptedServer.info.port}/echo`, CLAIM, {}, Math.min(seconds, ADAPTED_SECONDS), run === 0));
          pairs.push({ ledger, bare, ratio: ledger.rps / bare.rps, bareOnLedgerAdapter, ratioOnLedgerAdapter: ledger.rps / bareOnLedgerAdapter.rps });
        }
        return {
          ledger: medianRun(pairs.map((p) => p.ledger)),
          bare: medianRun(pairs.map((p) => p.bare)),
          ratio: median(pairs.map((p) => p.ratio)),
          runs: pairs,
          bareOnLedgerAdapter: medianRun(pairs.map((p) => p.bareOnLedgerAdapter)),
          ratioOnLedgerAdapter: median(pairs.map((p) => p.ratioOnLedgerAdapter)),
        };
      } finally {
        await ledgerServer.stop();
      }
    } finally {
      await adaptedServer.stop();
    }
  } finally {
    await bareServer.stop();
  }
}

/** Every figure the median of the runs'; counts of failures added up. */
function medianRun(runs: HttpRun[]): HttpRun {
  const of = (pick: (run: HttpRun) => number) => median(runs.map(pick));
  const sum = (pick: (run: HttpRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  return {
    rps: of((r) => r.rps),
    meanRps: of((r) => r.meanRps),
    p50Ms: of((r) => r.p50Ms),
    p99Ms: of((r) => r.p99Ms),
    requests: sum((r) => r.requests),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
  };
}
