import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { exited, nodeArgs, REPO } from './child';

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
async function startServer<T>(script: string): Promise<{ info: T; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, nodeArgs(`servers/${script}`), { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
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

function load(url: string, body: string, headers: Record<string, string>, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections: 10,
        duration: seconds,
        headers: { 'content-type': 'application/json', ...headers },
        body,
        // A short warm-up first, so the JIT and the first claims' cost are not in the figures.
        warmup: { connections: 10, duration: Math.max(1, Math.round(seconds / 10)) },
      } as autocannon.Options,
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
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

const CLAIM = JSON.stringify({
  text: 'The allowance was paid from the budget of the Executive Committee of the Red Cross, not by the NKVD.',
  kind: 'hypothesis',
});

/**
 * `POST /api/questions/:id/claims` on the real application against `POST /echo` on a bare Nest
 * application, each in its own process, autocannon with 10 connections for `seconds` from this one.
 * Loopback only.
 */
export async function httpWrites(seconds: number): Promise<{ ledger: HttpRun; bare: HttpRun }> {
  const bareServer = await startServer<{ port: number }>('bare-server.ts');
  let bare: HttpRun;
  try {
    bare = summarise(await load(`http://127.0.0.1:${bareServer.info.port}/echo`, CLAIM, {}, seconds));
  } finally {
    await bareServer.stop();
  }
  const ledgerServer = await startServer<{ port: number; questionId: string; token: string }>('ledger-server.ts');
  let ledger: HttpRun;
  try {
    const { port, questionId, token } = ledgerServer.info;
    ledger = summarise(await load(`http://127.0.0.1:${port}/api/questions/${questionId}/claims`, CLAIM, { authorization: `Bearer ${token}` }, seconds));
  } finally {
    await ledgerServer.stop();
  }
  return { ledger, bare };
}
