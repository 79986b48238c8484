import type { INestApplication } from '@nestjs/common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORE } from '../../src/event-store/event-store.port';
import { seedOnFirstStart } from '../../src/ledger/import/seed-on-first-start';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { QuestionTimelines } from '../../src/read-side/question-timelines.service';
import { presentTimelineEntry } from '../../src/read-side/consensus-presenter';
import { startTestApp, type TestApp } from '../support/test-app';

interface ClaimJson {
  id: string;
  text: string;
  label: string;
  strength: number | null;
  grounded: boolean;
  reading: string;
  stances: { endorse: number; dispute: number; agreement: number | null };
}

/** Reads a Server-Sent Events response until `stop` says so, then closes the connection. */
function readSse(
  app: INestApplication,
  path: string,
  stop: (messages: { event: string; id?: string; data: unknown }[]) => boolean,
): Promise<{ event: string; id?: string; data: unknown }[]> {
  const server = app.getHttpServer() as http.Server;
  if (!server.listening) server.listen(0);
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const messages: { event: string; id?: string; data: unknown }[] = [];
    const request = http.get({ host: '127.0.0.1', port, path }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`status ${response.statusCode}`));
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop()!;
        for (const block of blocks) {
          const fields = Object.fromEntries(block.split('\n').filter((l) => l.includes(':') && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
          if (fields.data === undefined) continue;
          messages.push({ event: fields.event ?? 'message', id: fields.id, data: JSON.parse(fields.data) });
        }
        if (stop(messages)) {
          request.destroy();
          resolve(messages);
        }
      });
      response.on('end', () => resolve(messages));
    });
    request.on('error', (error) => (messages.length > 0 ? resolve(messages) : reject(error)));
  });
}

describe('the read side over HTTP, on the reference debate', () => {
  let t: TestApp;
  let main: { id: string; title: string };

  beforeAll(async () => {
    t = await startTestApp();
    await seedOnFirstStart(t.app, { ...t.config, seed: 'reference' }, { log: () => undefined } as never);
    const questions = (await t.http.get('/api/questions').expect(200)).body as { id: string; title: string; parentQuestionId: string | null }[];
    main = questions.find((q) => q.parentQuestionId === null)!;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the consensus with a label, strength, grounding, reading and stances per claim', async () => {
    const res = await t.http.get(`/api/questions/${main.id}/consensus`).expect(200);
    expect(res.body).toMatchObject({
      questionId: main.id,
      status: expect.stringMatching(/^(open|answered|unverified|contested)$/),
      proofStandard: 'preponderance',
      semantics: 'df-quad',
      axis: 'recorded',
      asOf: null,
      converged: true,
    });
    expect(res.body.position).toMatch(/^\d+$/);
    const claims = res.body.claims as ClaimJson[];
    expect(claims.length).toBeGreaterThan(10);
    for (const claim of claims) {
      expect(['corroborated', 'unverified', 'contested', 'refuted', 'open', 'retracted']).toContain(claim.label);
      if (claim.label !== 'retracted') {
        expect(claim.strength).toBeGreaterThanOrEqual(0);
        expect(claim.strength).toBeLessThanOrEqual(1);
      }
      expect(claim.reading.length).toBeGreaterThan(10);
      expect(claim.stances).toEqual(expect.objectContaining({ endorse: expect.any(Number), dispute: expect.any(Number) }));
      expect(typeof claim.grounded).toBe('boolean');
    }
  });

  it('goes back in time on the occurred axis: as of 11 February 2021 Volodarsky has not posted; by the 13th he has', async () => {
    const volodarskyTexts = async (asOf: string) => {
      const res = await t.http.get(`/api/questions/${main.id}/consensus?asOf=${asOf}&axis=occurred&limit=1000`).expect(200);
      expect(res.body).toMatchObject({ axis: 'occurred', asOf: expect.stringContaining(asOf) });
      const events = (await t.http.get(`/api/questions/${main.id}/events?limit=1000`).expect(200)).body as { type: string; data: { claimId?: string }; metadata: { attributedTo: { name: string } } }[];
      const volodarsky = new Set(events.filter((e) => e.type === 'ClaimProposed' && e.metadata.attributedTo.name === 'Boris Volodarsky').map((e) => e.data.claimId));
      expect(volodarsky.size).toBeGreaterThan(0);
      return { present: (res.body.claims as ClaimJson[]).filter((c) => volodarsky.has(c.id)), all: res.body.claims as ClaimJson[] };
    };
    const before = await volodarskyTexts('2021-02-11');
    expect(before.present).toEqual([]);
    expect(before.all.length).toBeGreaterThan(0);
    const after = await volodarskyTexts('2021-02-13');
    expect(after.present.length).toBeGreaterThan(0);
    expect(after.all.length).toBeGreaterThan(before.all.length);
  });

  it('goes back in time on the recorded axis, by position', async () => {
    const timeline = (await t.http.get(`/api/questions/${main.id}/timeline?limit=1000`).expect(200)).body.entries as { position: string; type: string }[];
    const third = timeline[2];
    const res = await t.http.get(`/api/questions/${main.id}/consensus?atPosition=${third.position}`).expect(200);
    expect(res.body).toMatchObject({ axis: 'recorded', atPosition: third.position, position: third.position });
    const claimsSoFar = timeline.slice(0, 3).filter((e) => e.type === 'ClaimProposed').length;
    expect(res.body.claims).toHaveLength(claimsSoFar);
  });

  it('refuses bad time-travel parameters, naming them', async () => {
    for (const [query, field] of [
      ['asOf=yesterday', 'asOf'],
      ['asOf=2021-02-11&axis=sideways', 'axis'],
      ['atPosition=-3', 'atPosition'],
      ['atPosition=3&asOf=2021-02-11', 'atPosition'],
      ['minPosition=abc', 'minPosition'],
    ]) {
      const res = await t.http.get(`/api/questions/${main.id}/consensus?${query}`).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('keeps a timeline: every event in order, annotated with what it changed', async () => {
    const events = (await t.http.get(`/api/questions/${main.id}/events?limit=1000`).expect(200)).body as { id: string; position: string }[];
    const timeline = (await t.http.get(`/api/questions/${main.id}/timeline?limit=1000`).expect(200)).body.entries as {
      eventId: string;
      position: string;
      changes: { kind: string; claimId?: string; from?: string; to?: string }[];
    }[];
    const questionEvents = timeline.filter((e) => events.some((x) => x.id === e.eventId));
    expect(questionEvents.map((e) => e.eventId)).toEqual(events.map((e) => e.id));
    expect(timeline[0].changes).toContainEqual(expect.objectContaining({ kind: 'status', from: null }));
    expect(timeline.some((e) => e.changes.some((c) => c.kind === 'label'))).toBe(true);
  });

  it('extends the timeline with later events, a cited source\'s re-appraisal among them, as a fresh fold gives it', async () => {
    const before = (await t.http.get(`/api/questions/${main.id}/timeline?limit=1000`).expect(200)).body.entries as { eventId: string }[];
    const sources = (await t.http.get('/api/sources?limit=1000').expect(200)).body as { id: string; reliability: string | null }[];
    // Every claim, explained: the sources cited are in their grounds and leads.
    const consensus = (await t.http.get(`/api/questions/${main.id}/consensus?limit=1000&explain=true`).expect(200)).body.claims as ClaimJson[];
    const cited = sources.find((s) => JSON.stringify(consensus).includes(s.id))!;
    const appraisal = await t.http.patch(`/api/sources/${cited.id}/appraisal`).send({ reliability: cited.reliability === 'F' ? 'A' : 'F', note: 'Re-appraised for the test' }).expect(200);
    const claim = await t.http.post(`/api/questions/${main.id}/claims`).send({ text: 'A later claim, for the test', kind: 'answer' }).expect(201);

    const after = (await t.http.get(`/api/questions/${main.id}/timeline?limit=1000`).expect(200)).body.entries as { eventId: string; type: string; stream: string; subjectId: string; changes: { kind: string }[] }[];
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((e) => [e.type, e.subjectId])).toEqual([
      ['SourceAppraised', cited.id],
      ['ClaimProposed', claim.body.id],
    ]);
    expect(after[before.length]).toMatchObject({ eventId: appraisal.body.eventIds[0], stream: `source-${cited.id}` });

    // Folded afresh from the store, with no earlier fold to extend, the timeline is the same.
    const fresh = new QuestionTimelines(t.app.get(EVENT_STORE), t.app.get(ProjectionRunner), t.config);
    expect((await fresh.timeline(main.id)).map((e) => JSON.parse(JSON.stringify(presentTimelineEntry(e))))).toEqual(after);
  });

  it('answers 404 for an unknown question and serves citations and participants', async () => {
    await t.http.get('/api/questions/00000000-0000-4000-8000-000000000000/consensus').expect(404);
    await t.http.get('/api/questions/00000000-0000-4000-8000-000000000000/timeline').expect(404);
    const participants = (await t.http.get('/api/participants').expect(200)).body as { name: string; attributed: Record<string, number>; recordedByOthers: string[]; questionIds: string[] }[];
    const volodarsky = participants.find((p) => p.name === 'Boris Volodarsky')!;
    expect(volodarsky.attributed.claims).toBeGreaterThan(5);
    expect(Object.values(volodarsky.attributed).every((count) => count > 0)).toBe(true);
    expect(volodarsky.questionIds).toContain(main.id);
    expect(new Set(volodarsky.questionIds).size).toBe(volodarsky.questionIds.length);
    // The admin recorded the whole debate: every question is among theirs.
    const admin = participants.find((p) => p.name === t.admin.name)!;
    const questions = (await t.http.get('/api/questions').expect(200)).body as { id: string }[];
    expect([...admin.questionIds].sort()).toEqual(questions.map((q) => q.id).sort());
    expect(volodarsky.recordedByOthers).toEqual([t.admin.name]);
    const sources = (await t.http.get('/api/sources').expect(200)).body as { id: string; identifiers: { archive?: { fond?: string } } }[];
    const garf = sources.find((s) => s.identifiers.archive?.fond === 'R-9501')!;
    const citations = (await t.http.get(`/api/sources/${garf.id}/citations`).expect(200)).body;
    expect(citations.citations.length).toBeGreaterThan(0);
    expect(citations.citations[0]).toMatchObject({ questionId: expect.any(String), claimId: expect.any(String), claimText: expect.any(String) });
  });

  it('replays the debate as Server-Sent Events: one message per event, in order, each with the claims it changed', async () => {
    const events = (await t.http.get(`/api/questions/${main.id}/events?limit=1000`).expect(200)).body as { id: string }[];
    const messages = await readSse(t.app, `/api/questions/${main.id}/replay`, (m) => m.some((x) => x.event === 'end'));
    const steps = messages.filter((m) => m.event === 'step') as { data: { event: { id: string }; summary: { claims: number }; claims: unknown[] } }[];
    expect(steps.map((s) => s.data.event.id)).toEqual(events.map((e) => e.id));
    // The summary counts every claim; a step sends the claims it changed (test/read-side/replay-stream.http.test.ts).
    expect(steps[steps.length - 1].data.summary.claims).toBeGreaterThan(10);
    expect(messages[messages.length - 1]).toMatchObject({ event: 'end', data: { steps: events.length } });
  });

  it('streams a live consensus change after a write', async () => {
    const claims = (await t.http.get(`/api/questions/${main.id}/consensus`).expect(200)).body.claims as ClaimJson[];
    const target = claims.find((c) => c.label === 'unverified')!;
    const received = readSse(t.app, `/api/questions/${main.id}/consensus/stream`, (m) => m.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rebuttal = await t.http
      .post(`/api/questions/${main.id}/claims`)
      .send({ text: 'A strong rebuttal, for the test', kind: 'answer', respondsTo: { claimId: target.id, relation: 'rebuts' } })
      .expect(201);
    const messages = await received;
    expect(messages[0]).toMatchObject({ event: 'consensus', data: { questionId: main.id, changes: [], claims: [] } });
    expect((messages[0].data as { summary: { claims: number } }).summary.claims).toBe(claims.length);
    expect(messages[1]).toMatchObject({ event: 'consensus', data: { cause: { subjectId: rebuttal.body.id } } });
    const { changes, claims: sent } = messages[1].data as { changes: { kind: string; claimId?: string }[]; claims: ClaimJson[] };
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'claim-added', claimId: rebuttal.body.id }));
    // Only the claims the event changed, each once: the rebuttal and what it moved, never the whole question.
    const changedIds = new Set(changes.flatMap((change) => (change.claimId ? [change.claimId] : [])));
    expect(new Set(sent.map((claim) => claim.id))).toEqual(changedIds);
    expect(sent.length).toBeLessThan(claims.length);
  });
});
