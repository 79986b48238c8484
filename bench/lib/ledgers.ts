import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LedgerBuilder, type QuestionModel } from './ledger-builder';

/** Bumped whenever the generator's output changes, so cached ledgers from an older one are not used. */
export const GENERATOR_VERSION = 3;

export const CACHE_DIR = resolve(__dirname, '..', '.cache');

export interface LedgerInfo {
  file: string;
  events: number;
  questions: { id: string; claims: number; live: number; events: number }[];
  sources: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  generatedInMs: number;
}

/** The shape of the mixed ledger: `events` over `questions` questions (about 5 sources per question). */
export interface MixedShape {
  events: number;
  questions: number;
}

/**
 * A ledger of realistic shape: questions opened over the first half of its history, every command
 * on a random open question, in this mix (per 100 commands): 30 claims (nearly all answering another
 * claim: a claim and a relation), 6 further relations (some of them rebuttals back, i.e. cycles), 22
 * pieces of evidence, 18 stances, 6 revisions, 1 retraction, 1 withdrawal, and now and then a
 * rewording, a resolution or reopening; sources registered along the way and some re-appraised.
 */
export function mixedLedger(shape: MixedShape): LedgerInfo {
  const name = `mixed-v${GENERATOR_VERSION}-${shape.events}-${shape.questions}`;
  return cached(name, (file) => {
    const builder = new LedgerBuilder(file, 20_240_101 + shape.events);
    const sourcesWanted = shape.questions * 5;
    const opensBy = shape.events / 2;
    while (builder.events < shape.events) {
      const opened = builder.questions.length;
      if (opened === 0 || (opened < shape.questions && builder.random.next() < (shape.questions - opened) / Math.max(1, (opensBy - builder.events) / 1.2))) {
        builder.openQuestion();
        continue;
      }
      const registered = builder.sources.length;
      if (registered === 0 || (registered < sourcesWanted && builder.random.next() < (sourcesWanted - registered) / Math.max(1, (opensBy - builder.events) / 1.2))) {
        builder.registerSource();
        continue;
      }
      const q = builder.random.pick(builder.questions);
      step(builder, q);
    }
    builder.finish();
    return builder;
  });
}

function step(builder: LedgerBuilder, q: QuestionModel): void {
  if (q.live.length === 0) {
    builder.proposeClaim(q, { respond: false });
    return;
  }
  switch (
    builder.random.weighted({ claim: 28, root: 2, relate: 6, evidence: 22, stance: 18, revise: 6, retract: 1, withdraw: 1, reword: 0.3, resolve: 0.4, appraise: 0.4 })
  ) {
    case 'claim':
      builder.proposeClaim(q);
      return;
    case 'root':
      builder.proposeClaim(q, { respond: false });
      return;
    case 'relate':
      builder.relateClaims(q);
      return;
    case 'evidence':
      builder.attachEvidence(q);
      return;
    case 'stance':
      builder.recordStance(q);
      return;
    case 'revise':
      builder.reviseClaim(q);
      return;
    case 'retract':
      builder.retractClaim(q);
      return;
    case 'withdraw':
      builder.withdrawEvidence(q);
      return;
    case 'reword':
      builder.rewordQuestion(q);
      return;
    case 'resolve':
      builder.resolveOrReopen(q);
      return;
    case 'appraise':
      builder.appraiseSource();
      return;
  }
}

/**
 * One question per size, each with exactly that many claims, of the same shape as the mixed
 * ledger's questions (relations, evidence, stances and revisions in the same proportions to claims),
 * on a shared pool of sources.
 */
export function sizedLedger(sizes: readonly number[]): LedgerInfo {
  const name = `sized-v${GENERATOR_VERSION}-${sizes.join('-')}`;
  return cached(name, (file) => {
    const builder = new LedgerBuilder(file, 7_000 + sizes.length);
    for (let i = 0; i < 200; i++) builder.registerSource();
    for (const size of sizes) {
      const q = builder.openQuestion()!;
      while (q.claims < size) {
        if (q.live.length === 0 || builder.random.chance(0.05)) builder.proposeClaim(q, { respond: false });
        else if (builder.random.chance(30 / 74)) builder.proposeClaim(q);
        else step(builder, q);
      }
    }
    builder.finish();
    return builder;
  });
}

function cached(name: string, generate: (file: string) => LedgerBuilder): LedgerInfo {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `${name}.db`);
  const infoFile = join(CACHE_DIR, `${name}.json`);
  if (existsSync(file) && existsSync(infoFile)) return JSON.parse(readFileSync(infoFile, 'utf8')) as LedgerInfo;
  const temporary = `${file}.${process.pid}.tmp`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(temporary + suffix, { force: true });
  const started = performance.now();
  const builder = generate(temporary);
  const info: LedgerInfo = {
    file,
    events: builder.events,
    questions: builder.questions.map((q) => ({ id: q.id, claims: q.claims, live: q.live.length, events: q.events })),
    sources: builder.sources.length,
    firstRecordedAt: new Date(builder.startedAt).toISOString(),
    lastRecordedAt: new Date(builder.clock).toISOString(),
    generatedInMs: Math.round(performance.now() - started),
  };
  renameSync(temporary, file);
  writeFileSync(infoFile, JSON.stringify(info));
  return info;
}
