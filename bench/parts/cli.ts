import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../lib/child';
import { compileSources } from '../lib/compiled';
import { mixedLedger, type MixedShape } from '../lib/ledgers';
import { median, now } from '../lib/stats';

/** Milliseconds from spawning Node: to its exit, and to the first bytes on standard output. */
interface Figure {
  p50: number;
  min: number;
  max: number;
  firstOutputP50: number;
  bytes: number;
}

export interface CliOptions extends MixedShape {
  runs: number;
}

/** The CLI compiled as `npm run build` compiles it (bench/lib/compiled.ts). */
function buildCli(): string {
  return join(compileSources('cli-build'), 'src', 'cli', 'main.js');
}

/** One run of a command, from spawning Node to its exit, its output read whole as a pipe reader would. */
function timeRun(args: string[], env: Record<string, string>): Promise<{ ms: number; firstOutputMs: number; code: number | null; bytes: number; stderr: string }> {
  const started = now();
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let bytes = 0;
  let firstOutputMs = Number.NaN;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (bytes === 0) firstOutputMs = now() - started;
    bytes += chunk.length;
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: now() - started, firstOutputMs, code, bytes, stderr }));
  });
}

/**
 * Start-up of the read commands on the mixed ledger, each a fresh process as a person at a terminal
 * runs it: `claims consensus` (a table) on the question with the most events, `export` (JSON) and
 * `replay --json` of the same question (for replay, which computes the consensus after every event,
 * the time to its first event), and `claims questions`, which lists every question (one scan of the
 * table, no fold of the log: src/cli/question-list.ts). The first run of each is left out (it fills
 * the page cache). Node's own start is the floor.
 */
export async function cliBench(options: CliOptions) {
  const info = mixedLedger(options);
  const main = buildCli();
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  try {
    copyFileSync(info.file, join(dir, 'ledger.db'));
    const env = { LEDGER_DATA_DIR: dir, COLUMNS: '120' };
    const largest = [...info.questions].sort((a, b) => b.events - a.events)[0]!;
    const commands: Record<string, string[]> = {
      node: ['-e', ''],
      consensus: [main, 'consensus', largest.id.slice(0, 8)],
      export: [main, 'export', largest.id.slice(0, 8), '--format', 'json'],
      replay: [main, 'replay', largest.id.slice(0, 8), '--json'],
      questions: [main, 'questions'],
    };
    const figures: Record<string, Figure> = {};
    for (const [name, args] of Object.entries(commands)) {
      const first = await timeRun(args, env);
      if (first.code !== 0) throw new Error(`claims ${args.slice(1).join(' ')} exited with ${first.code}: ${first.stderr}`);
      const runs = [];
      for (let run = 0; run < options.runs; run++) runs.push(await timeRun(args, env));
      const times = runs.map((r) => r.ms);
      figures[name] = { p50: median(times), min: Math.min(...times), max: Math.max(...times), firstOutputP50: median(runs.map((r) => r.firstOutputMs)), bytes: first.bytes };
    }
    return { events: info.events, questionEvents: largest.events, questionClaims: largest.claims, runs: options.runs, ...figures } as {
      events: number;
      questionEvents: number;
      questionClaims: number;
      runs: number;
    } & Record<'node' | 'consensus' | 'export' | 'replay' | 'questions', Figure>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
