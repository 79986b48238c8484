import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffConsensus } from '../../projections/consensus';
import { CHANGE_STRENGTH_THRESHOLD } from '../../projections/current-consensus/current-consensus.projection';
import { seedOnFirstStart } from '../../src/ledger/import/seed-on-first-start';
import { presentConsensus } from '../../src/read-side/consensus-presenter';
import { TimeTravel } from '../../src/read-side/time-travel.service';
import { ReplayPicture, type ReplayStepData } from '../../web/src/api/replay-picture';
import { startTestApp, type TestApp } from '../support/test-app';

interface SseMessage {
  event: string;
  id?: string;
  data: unknown;
}

/** Reads a Server-Sent Events response to its end. */
function readSse(t: TestApp, path: string): Promise<SseMessage[]> {
  const server = t.app.getHttpServer() as http.Server;
  if (!server.listening) server.listen(0);
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const messages: SseMessage[] = [];
    http
      .get({ host: '127.0.0.1', port, path }, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`status ${response.statusCode}`));
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop()!;
          for (const block of blocks) {
            const fields = new Map<string, string>();
            for (const line of block.split('\n')) if (line.includes(':') && !line.startsWith(':')) fields.set(line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim());
            if (fields.has('data')) messages.push({ event: fields.get('event') ?? 'message', id: fields.get('id'), data: JSON.parse(fields.get('data')!) });
          }
        });
        response.on('end', () => resolve(messages));
      })
      .on('error', reject);
  });
}

/** The whole consensus after each event, as the server's replay folds it (`TimeTravel.replay`), as JSON reads it. */
async function referenceSteps(t: TestApp, questionId: string, from?: bigint) {
  const steps: { eventId: string; consensus: unknown; changes: unknown }[] = [];
  let before = null;
  for await (const step of t.app.get(TimeTravel).replay(questionId)) {
    const changes = diffConsensus(before, step.consensus, CHANGE_STRENGTH_THRESHOLD);
    before = step.consensus;
    if (from !== undefined && step.event.position < from) continue;
    steps.push({ eventId: step.event.id, consensus: JSON.parse(JSON.stringify(presentConsensus(step.consensus, step.event.position))), changes: JSON.parse(JSON.stringify(changes)) });
  }
  return steps;
}

describe('the replay stream (SSE) sends the claims each step changed', () => {
  let t: TestApp;
  let main: string;

  beforeAll(async () => {
    t = await startTestApp();
    await seedOnFirstStart(t.app, { ...t.config, seed: 'reference' }, { log: () => undefined } as never);
    const questions = (await t.http.get('/api/questions').expect(200)).body as { id: string; parentQuestionId: string | null }[];
    main = questions.find((q) => q.parentQuestionId === null)!.id;
    // A retraction and a withdrawal, so that evidence leaves the list and claims drop out of the consensus.
    const consensus = (await t.http.get(`/api/questions/${main}/consensus?limit=1000`).expect(200)).body as { claims: { id: string }[]; evidence: { id: string; claimId: string }[] };
    const piece = consensus.evidence[0]!;
    await t.http.post(`/api/evidence/${piece.id}/withdrawal`).send({ reason: 'misread, for the test' }).expect(200);
    const claim = consensus.claims.find((c) => c.id !== piece.claimId && consensus.evidence.some((e) => e.claimId === c.id))!;
    await t.http.post(`/api/claims/${claim.id}/retraction`).send({ reason: 'withdrawn, for the test' }).expect(200);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sends the event, the status and summary, and the claims changed since the step before; applied in order they give each step’s whole consensus', async () => {
    const reference = await referenceSteps(t, main);
    const messages = await readSse(t, `/api/questions/${main}/replay`);
    const steps = messages.filter((m) => m.event === 'step').map((m) => m.data as ReplayStepData);
    expect(steps.map((s) => s.event.id)).toEqual(reference.map((r) => r.eventId));
    expect(messages[messages.length - 1]).toMatchObject({ event: 'end', data: { questionId: main, steps: reference.length } });

    // The shape: the live stream's (status, summary, claims, evidence, changes) with the event; only the first is whole.
    expect(steps[0]).toMatchObject({ whole: true, changes: [], questionId: main, event: { type: 'QuestionOpened' } });
    for (const step of steps.slice(1)) {
      expect(step.whole).toBe(false);
      expect(Object.keys(step)).toEqual(expect.arrayContaining(['event', 'whole', 'status', 'summary', 'resolution', 'position', 'claims', 'evidence', 'changes']));
      // Sent explained, as the whole consensus holds them.
      for (const claim of step.claims) expect(claim).toHaveProperty('wouldChange');
      for (const piece of step.evidence) expect(step.claims.some((c) => c.id === piece.claimId)).toBe(true);
    }

    const picture = new ReplayPicture();
    steps.forEach((step, i) => {
      picture.apply(step);
      expect(picture.consensus).toEqual(reference[i]!.consensus);
      // What the event moved, as the timeline reads it (the first, whole step lists none, as the live stream's first message).
      if (i > 0) expect(step.changes).toEqual(reference[i]!.changes);
    });

    // Far fewer claims than the whole question at every step: what the stream no longer sends.
    const sent = steps.reduce((sum, step) => sum + step.claims.length, 0);
    const whole = reference.reduce((sum, r) => sum + (r.consensus as { claims: unknown[] }).claims.length, 0);
    expect(sent).toBeLessThan(whole / 3);
    // The withdrawal and the retraction were steps, with the evidence gone from the picture.
    const last = picture.consensus!;
    expect(last.claims.some((c) => c.label === 'retracted')).toBe(true);
    expect(last.evidence.length).toBeLessThan(steps.reduce((max, step) => Math.max(max, step.summary.evidence), 0));
  });

  it('starts from a position with a whole step of that moment, then changes from there', async () => {
    const all = await referenceSteps(t, main);
    const middle = (await t.http.get(`/api/questions/${main}/events?limit=1000`).expect(200)).body[Math.floor(all.length / 2)] as { position: string };
    const reference = await referenceSteps(t, main, BigInt(middle.position));
    const steps = (await readSse(t, `/api/questions/${main}/replay?from=${middle.position}`)).filter((m) => m.event === 'step').map((m) => m.data as ReplayStepData);
    expect(steps.length).toBe(reference.length);
    expect(steps[0]!.whole).toBe(true);
    expect(steps[0]!.claims.length).toBeGreaterThan(5);
    const picture = new ReplayPicture();
    steps.forEach((step, i) => {
      picture.apply(step);
      expect(picture.consensus).toEqual(reference[i]!.consensus);
    });
  });
});
