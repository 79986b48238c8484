/**
 * Write throughput of one ledger instance against two on the same SQLite file (two processes, one
 * data directory), over HTTP with autocannon, the same client load either way: `connections` in
 * all, split over two target questions (different streams) or all on one question (one stream,
 * which the two instances must take turns on through the store's expected revision).
 *
 * Instance a runs throughout; instance b is started before each two-instance run and stopped after,
 * so that the one-instance runs have no second process folding the log beside them, and the two
 * kinds of run alternate (the machine's speed drifts over minutes by more than the figures differ).
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, REPO } from '../lib/child';
import { median } from '../lib/stats';

export interface InstancesOptions {
  /** Seconds each autocannon load lasts. */
  seconds: number;
  /** How many times each configuration is measured (alternating); figures are medians over the runs. */
  runs: number;
  /** Client connections in all, whether to one instance or split over two. Default 10. */
  connections?: number;
}

interface Load {
  /** Requests per second acknowledged (2xx), summed over the instances loaded. */
  rps: number;
  p99Ms: number;
  /** Answers that were not 2xx (a 409 after the writer's retries ran out), and socket errors. */
  failed: number;
  /** Resident memory of each server process after the load, in MB. */
  rssMb: number[];
}

export interface InstancesResult {
  connections: number;
  seconds: number;
  runs: number;
  /** Writes to two questions (two streams): the instances never contend for a stream. */
  twoQuestions: { one: Load; two: Load; ratio: number; ratios: number[] };
  /** Every write to one question: the instances contend for one stream. */
  oneQuestion: { one: Load; two: Load; ratio: number; ratios: number[] };
  /** The one-minute load average when the part ended, and the cores, for the reader of the figures. */
  loadAverage: number;
  cores: number;
}

const CLAIM = JSON.stringify({ text: 'The allowance was paid from the budget of the Executive Committee of the Red Cross, not by the NKVD.', kind: 'hypothesis' });
const WARM_UP_SECONDS = 2;

interface Server {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** `src/main.ts` as `npm start` runs it (compiled on the fly, as the tests' child processes are), on the shared data directory. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['-r', join(REPO, 'test/support/ts-register.cjs'), join(REPO, 'src/main.ts')], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`a ledger instance exited (${code}) before listening:\n${output}`)));
  });
  // Keep draining its output, or a chatty server blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    child,
    url,
    stop: async () => {
      const done = exited(child);
      child.kill('SIGTERM');
      await done;
    },
  };
}

function rssMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? NaN : Number(kb) / 1024;
  } catch {
    return NaN; // not Linux: the figure is left out
  }
}

async function post(url: string, path: string, token: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** Loads each target with its share of the connections at once; the figures add up over targets. */
async function load(targets: { url: string; questionId: string }[], servers: Server[], token: string, connections: number, seconds: number, warmUp: boolean): Promise<Load> {
  const share = Math.max(1, Math.floor(connections / targets.length));
  const results = await Promise.all(
    targets.map(({ url, questionId }) =>
      autocannon({
        url: `${url}/api/questions/${questionId}/claims`,
        method: 'POST',
        connections: share,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: CLAIM,
        ...(warmUp ? { warmup: { connections: share, duration: WARM_UP_SECONDS } } : {}),
      } as autocannon.Options),
    ),
  );
  return {
    // 2xx per second: what the instances acknowledged, not what they refused.
    rps: results.reduce((sum, r) => sum + r['2xx'] / (r.duration || seconds), 0),
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    rssMb: servers.map((s) => rssMb(s.child.pid)),
  };
}

function medianLoad(loads: Load[]): Load {
  return {
    rps: median(loads.map((l) => l.rps)),
    p99Ms: median(loads.map((l) => l.p99Ms)),
    failed: loads.reduce((sum, l) => sum + l.failed, 0),
    rssMb: loads[0]!.rssMb.map((_, i) => median(loads.map((l) => l.rssMb[i] ?? NaN))),
  };
}

export async function instancesBench(options: InstancesOptions): Promise<InstancesResult> {
  const connections = options.connections ?? 10;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-instances-'));
  const token = randomBytes(24).toString('hex');
  const env = {
    LEDGER_DATA_DIR: dataDir,
    LEDGER_SEED: 'none',
    LEDGER_ADMIN_TOKEN: token,
    // One client writing as fast as it can; the default limit would answer 429.
    LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
  };
  const a = await startServer(env);
  try {
    const question = () => post(a.url, '/api/questions', token, { title: 'Who paid the allowance to the families on the list?', tags: ['bench'] });
    const [q1, q2] = [await question(), await question()];
    const measured = { twoQuestions: { one: [] as Load[], two: [] as Load[] }, oneQuestion: { one: [] as Load[], two: [] as Load[] } };
    for (let run = 0; run < options.runs; run++) {
      const warmUp = run === 0;
      measured.twoQuestions.one.push(await load([{ url: a.url, questionId: q1.id }, { url: a.url, questionId: q2.id }], [a], token, connections, options.seconds, warmUp));
      measured.oneQuestion.one.push(await load([{ url: a.url, questionId: q1.id }], [a], token, connections, options.seconds, false));
      const b = await startServer(env);
      try {
        measured.twoQuestions.two.push(await load([{ url: a.url, questionId: q1.id }, { url: b.url, questionId: q2.id }], [a, b], token, connections, options.seconds, warmUp));
        measured.oneQuestion.two.push(await load([{ url: a.url, questionId: q1.id }, { url: b.url, questionId: q1.id }], [a, b], token, connections, options.seconds, false));
      } finally {
        await b.stop();
      }
    }
    const summary = ({ one, two }: { one: Load[]; two: Load[] }) => {
      const ratios = one.map((l, i) => two[i]!.rps / l.rps);
      return { one: medianLoad(one), two: medianLoad(two), ratio: median(ratios), ratios };
    };
    return {
      connections,
      seconds: options.seconds,
      runs: options.runs,
      twoQuestions: summary(measured.twoQuestions),
      oneQuestion: summary(measured.oneQuestion),
      loadAverage: loadavg()[0]!,
      cores: cpus().length,
    };
  } finally {
    await a.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
