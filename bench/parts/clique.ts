import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Accounts } from '../../src/accounts/accounts.service';
import { loadConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { ProposeClaim, RelateClaims } from '../../src/ledger/application/write-table/write-messages';
import { AttachEvidence } from '../../src/ledger/application/write-table/write-messages';
import { OpenQuestion } from '../../src/ledger/application/write-table/write-messages';
import { RegisterSource } from '../../src/ledger/application/write-table/write-messages';
import type { WriteResult } from '../../src/ledger/application/writer/write-types';
import type { CommandContext } from '../../src/ledger/provenance/provenance';
import { now, percentile } from '../lib/stats';

export interface CliqueOptions {
  /** Claims that all rebut each other. */
  claims: number;
  /** Rounds of (one write, then a consensus read) while /health is probed. */
  rounds: number;
}

const TOKEN = 'bench-clique-admin-token-0123456789abcdef0123456789abcdef';

function call(agent: Agent, port: number, method: string, path: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      { host: '127.0.0.1', port, path, method, agent, headers: { authorization: `Bearer ${TOKEN}`, ...(payload ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Issue 13's "never stall the server": a question of `claims` claims that all rebut each other (a
 * dense cycle), a fifth of them with evidence. Rounds of one write to it and one read of its
 * consensus (which re-solves the cycle), while another client probes `/health` every 10 ms on its
 * own connection. Reports the probe's latencies: the server must answer it in ≤ 100 ms throughout.
 */
export async function cliqueBench(options: CliqueOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-clique-'));
  const config = loadConfig({ LEDGER_DATA_DIR: dir, LEDGER_SEED: 'none', PORT: '0', LEDGER_ADMIN_TOKEN: TOKEN, LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '1000000' });
  const app = await createApp(config, { logger: false });
  await app.init();
  try {
    const admin = await app.get(Accounts).ensureAdmin(config, () => undefined);
    const bus = app.get(CommandBus);
    const context = (): CommandContext => {
      const commandId = randomUUID();
      return { principal: { id: admin.id, name: admin.name }, commandId, correlationId: commandId, causationId: commandId, provenance: {} };
    };
    const send = (command: object) => bus.execute<object, WriteResult>(command);
    const q = (await send(new OpenQuestion({ title: 'Rival accounts', tags: [] } as never, context()))).id;
    const source = (await send(new RegisterSource({ kind: 'archival', title: 'A file', authors: [], reliability: 'B' } as never, context()))).id;
    const claims: string[] = [];
    for (let i = 0; i < options.claims; i++) claims.push((await send(new ProposeClaim(q, { text: `Account ${i}`, kind: 'hypothesis' } as never, context()))).id);
    for (let i = 0; i < options.claims; i += 5) await send(new AttachEvidence(claims[i]!, { sourceId: source, stance: 'supports', credibility: 2 } as never, context()));
    const writes: Promise<unknown>[] = [];
    for (const from of claims) for (const to of claims) if (from !== to) writes.push(send(new RelateClaims({ fromClaimId: from, toClaimId: to, relation: 'rebuts' } as never, context())));
    await Promise.all(writes);

    await app.listen(0, '127.0.0.1');
    const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
    const work = new Agent({ keepAlive: true, maxSockets: 2 });
    const probe = new Agent({ keepAlive: true, maxSockets: 1 });
    const health: number[] = [];
    let probing = true;
    const probing$ = (async () => {
      while (probing) {
        const started = now();
        const res = await call(probe, port, 'GET', '/health');
        if (res.status !== 200) throw new Error(`/health answered ${res.status}`);
        health.push(now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const reads: number[] = [];
    let converged = true;
    let residual = 0;
    for (let round = 0; round < options.rounds; round++) {
      const from = claims[round % claims.length]!;
      const to = claims[(round + 1) % claims.length]!;
      await call(work, port, 'POST', `/api/questions/${q}/claims`, { text: `Late account ${round}`, kind: 'hypothesis', respondsTo: { claimId: to, relation: 'rebuts' } });
      await call(work, port, 'POST', '/api/claims/relations', { fromClaimId: from, toClaimId: to, relation: 'undercuts' });
      const started = now();
      const res = await call(work, port, 'GET', `/api/questions/${q}/consensus`);
      reads.push(now() - started);
      const body = JSON.parse(res.body) as { converged: boolean; residual: number };
      converged &&= body.converged;
      residual = Math.max(residual, body.residual);
    }
    probing = false;
    await probing$;
    work.destroy();
    probe.destroy();
    return {
      claims: options.claims,
      health: { samples: health.length, p50: percentile(health, 50), p99: percentile(health, 99), max: Math.max(...health) },
      read: { p50: percentile(reads, 50), p99: percentile(reads, 99) },
      converged,
      residual,
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
