import { CommandBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { ProposeClaim, RecordStance, RelateClaims, RetractClaim, ReviseClaim } from '../../src/ledger/application/write-table/write-messages';
import { AttachEvidence, VerifyEvidence, WithdrawEvidence } from '../../src/ledger/application/write-table/write-messages';
import { ChangeProofStandard, OpenQuestion, ReopenQuestion, ResolveQuestion } from '../../src/ledger/application/write-table/write-messages';
import { AppraiseSource, RegisterSource } from '../../src/ledger/application/write-table/write-messages';
import type { WriteResult } from '../../src/ledger/application/writer/write-types';
import type { CommandContext } from '../../src/ledger/provenance/provenance';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { PROJECTIONS } from '../../src/projection-runtime/projections.registry';
import { computeQuestionConsensus } from '../../projections/consensus';
import type { Projection } from '../../projections/projection';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { sourceLookup } from '../../projections/sources/source-lookup';
import { sourcesProjection } from '../../projections/sources/sources.projection';
import { currentConsensusOf } from '../../src/read-side/current-consensus';

const directory = mkdtempSync(join(tmpdir(), 'ledger-rebuild-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** One step of a random debate: which command, and which earlier entities it picks (by index). */
type Step =
  | { kind: 'question' }
  | { kind: 'claim'; q: number; respond?: { to: number; relation: 'supports' | 'rebuts' | 'undercuts' } }
  | { kind: 'relate'; from: number; to: number; relation: 'supports' | 'rebuts' | 'undercuts' | 'competes' }
  | { kind: 'relate-evidence'; from: number; e: number; relation: 'supports' | 'rebuts' | 'undercuts' }
  | { kind: 'verify'; e: number; verification: 'examined' | 'transcribed' }
  | { kind: 'proof-standard'; q: number; proofStandard: 'scintilla' | 'preponderance' | 'clear-and-convincing' | 'beyond-reasonable-doubt' }
  | { kind: 'revise' | 'retract'; c: number }
  | { kind: 'source'; reliability: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' }
  | { kind: 'appraise'; s: number; reliability: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' }
  | { kind: 'evidence'; c: number; s: number; stance: 'supports' | 'undermines'; credibility: 1 | 2 | 3 | 4 | 5 | 6; verification: 'cited' | 'examined' | 'transcribed' }
  | { kind: 'withdraw'; e: number }
  | { kind: 'stance'; c: number; stance: 'endorse' | 'dispute'; confidence: number; who: number }
  | { kind: 'resolve' | 'reopen'; q: number };

const index = fc.nat(50);
const relation = fc.constantFrom('supports' as const, 'rebuts' as const, 'undercuts' as const);
const reliability = fc.constantFrom('A' as const, 'B' as const, 'C' as const, 'D' as const, 'E' as const, 'F' as const);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'question' as const }),
  { arbitrary: fc.record({ kind: fc.constant('claim' as const), q: index, respond: fc.option(fc.record({ to: index, relation }), { nil: undefined }) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('relate' as const), from: index, to: index, relation: fc.constantFrom('supports' as const, 'rebuts' as const, 'undercuts' as const, 'competes' as const) }), weight: 4 },
  fc.record({ kind: fc.constant('relate-evidence' as const), from: index, e: index, relation }),
  fc.record({ kind: fc.constant('verify' as const), e: index, verification: fc.constantFrom('examined' as const, 'transcribed' as const) }),
  fc.record({ kind: fc.constant('proof-standard' as const), q: index, proofStandard: fc.constantFrom('scintilla' as const, 'preponderance' as const, 'clear-and-convincing' as const, 'beyond-reasonable-doubt' as const) }),
  fc.record({ kind: fc.constantFrom('revise' as const, 'retract' as const), c: index }),
  fc.record({ kind: fc.constant('source' as const), reliability }),
  fc.record({ kind: fc.constant('appraise' as const), s: index, reliability }),
  { arbitrary: fc.record({ kind: fc.constant('evidence' as const), c: index, s: index, stance: fc.constantFrom('supports' as const, 'undermines' as const), credibility: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const, 6 as const), verification: fc.constantFrom('cited' as const, 'examined' as const, 'transcribed' as const) }), weight: 3 },
  fc.record({ kind: fc.constant('withdraw' as const), e: index }),
  fc.record({ kind: fc.constant('stance' as const), c: index, stance: fc.constantFrom('endorse' as const, 'dispute' as const), confidence: fc.double({ min: 0, max: 1, noNaN: true }), who: fc.nat(3) }),
  fc.record({ kind: fc.constantFrom('resolve' as const, 'reopen' as const), q: index }),
);

const pickFrom = <T>(items: T[], i: number): T | undefined => (items.length === 0 ? undefined : items[i % items.length]);

/** Plain data of every view, for comparison: the consensus engines are caches, not state. */
function plainViews(runner: ProjectionRunner, projections: Projection<unknown>[]) {
  return Object.fromEntries(
    projections.map((p) => {
      const view = runner.viewByName(p.name);
      return [p.name, p.toSnapshot ? p.toSnapshot(view as never) : view];
    }),
  );
}

describe('projections: a rebuild from scratch equals the live, incrementally updated state', () => {
  it('for random command sequences, for every projection', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 20, maxLength: 80, size: 'max' }), async (steps) => {
        const config = loadConfig({ LEDGER_DATA_DIR: join(directory, `run-${run++}`), LEDGER_SEED: 'none' });
        const app = await createApp(config, { logger: false });
        await app.init();
        try {
          const bus = app.get(CommandBus);
          const runner = app.get(ProjectionRunner);
          const projections = app.get<Projection<unknown>[]>(PROJECTIONS);
          const ids = { questions: [] as string[], claims: [] as string[], sources: [] as string[], evidence: [] as string[] };
          const context = (who = 0): CommandContext => {
            const commandId = randomUUID();
            return {
              principal: { id: 'tester', name: 'tester' },
              commandId,
              correlationId: commandId,
              causationId: commandId,
              provenance: who > 0 ? { attributedTo: { name: `Historian ${who}` } } : {},
            };
          };
          const send = async (command: object, into?: string[]) => {
            try {
              const result = await bus.execute<object, WriteResult>(command);
              into?.push(result.id);
            } catch {
              // Refused commands (a relation to a retracted claim, say) append nothing: that is part of the test.
            }
          };
          for (const s of [{ kind: 'question' } as Step, ...steps]) {
            const q = 'q' in s ? pickFrom(ids.questions, s.q) : undefined;
            const c = 'c' in s ? pickFrom(ids.claims, s.c) : undefined;
            switch (s.kind) {
              case 'question':
                await send(new OpenQuestion({ title: 'Q', tags: [] } as never, context()), ids.questions);
                break;
              case 'claim': {
                const to = s.respond && pickFrom(ids.claims, s.respond.to);
                const body = { text: `claim ${ids.claims.length}`, kind: 'answer', ...(to ? { respondsTo: { claimId: to, relation: s.respond!.relation } } : {}) };
                if (q) await send(new ProposeClaim(q, body as never, context()), ids.claims);
                break;
              }
              case 'relate': {
                const [from, to] = [pickFrom(ids.claims, s.from), pickFrom(ids.claims, s.to)];
                if (from && to) await send(new RelateClaims({ fromClaimId: from, toClaimId: to, relation: s.relation } as never, context()));
                break;
              }
              case 'revise':
                if (c) await send(new ReviseClaim(c, { text: `revised ${randomUUID()}`, reason: 'r' } as never, context()));
                break;
              case 'retract':
                if (c) await send(new RetractClaim(c, { reason: 'r' } as never, context()));
                break;
              case 'source':
                await send(new RegisterSource({ kind: 'report', title: 'S', authors: [], reliability: s.reliability } as never, context()), ids.sources);
                break;
              case 'appraise': {
                const source = pickFrom(ids.sources, s.s);
                if (source) await send(new AppraiseSource(source, { reliability: s.reliability, note: 'n' } as never, context()));
                break;
              }
              case 'evidence': {
                const source = pickFrom(ids.sources, s.s);
                if (c && source) await send(new AttachEvidence(c, { sourceId: source, stance: s.stance, credibility: s.credibility, verification: s.verification } as never, context()), ids.evidence);
                break;
              }
              case 'verify': {
                const e = pickFrom(ids.evidence, s.e);
                if (e) await send(new VerifyEvidence(e, { verification: s.verification } as never, context()));
                break;
              }
              case 'relate-evidence': {
                const [from, e] = [pickFrom(ids.claims, s.from), pickFrom(ids.evidence, s.e)];
                if (from && e) await send(new RelateClaims({ fromClaimId: from, toEvidenceId: e, relation: s.relation } as never, context()));
                break;
              }
              case 'proof-standard':
                if (q) await send(new ChangeProofStandard(q, { proofStandard: s.proofStandard, reason: 'r' } as never, context()));
                break;
              case 'withdraw': {
                const e = pickFrom(ids.evidence, s.e);
                if (e) await send(new WithdrawEvidence(e, { reason: 'r' } as never, context()));
                break;
              }
              case 'stance':
                if (c) await send(new RecordStance(c, { stance: s.stance, confidence: s.confidence } as never, context(s.who)));
                break;
              case 'resolve': {
                const accepted = ids.claims.slice(0, 1);
                if (q) await send(new ResolveQuestion(q, { summary: 's', acceptedClaimIds: accepted } as never, context()));
                break;
              }
              case 'reopen':
                if (q) await send(new ReopenQuestion(q, { reason: 'r' } as never, context()));
                break;
            }
            // Let the live subscription and the readers interleave with the writes, as in the server.
            // Reads of the consensus now and then: it is brought up to date after one event or several.
            if (Math.random() < 0.3) {
              await runner.readyForRead();
              for (const id of runner.view(questionsProjection).questions.keys()) if (Math.random() < 0.5) currentConsensusOf(runner, id);
            }
          }
          await runner.readyForRead();
          const live = plainViews(runner, projections);

          // The incremental consensus equals a full computation from the questions view.
          const questions = runner.view(questionsProjection);
          const sources = sourceLookup(runner.view(sourcesProjection));
          for (const question of questions.questions.values()) {
            // Bit for bit: the engine re-solves only what changed, and that must not show.
            const full = computeQuestionConsensus(question, sources);
            expect(currentConsensusOf(runner, question.id).consensus).toEqual(full);
          }

          await runner.rebuild();
          expect(plainViews(runner, projections)).toEqual(live);
        } finally {
          await app.close();
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  // In the background, as a server starts (main.ts): the views are restored a step at a time
  // (restoreInSteps) between turns of the event loop, and must come out the same.
  it.each([['waiting', false], ['in the background', true]])('restoring the snapshot at start (%s) and reading on equals a rebuild', async (mode, background) => {
    const config = loadConfig({ LEDGER_DATA_DIR: join(directory, `snapshot-${mode.replace(/ /g, '-')}`), LEDGER_SEED: 'reference', LEDGER_SNAPSHOT_EVERY: '7' });
    const first = await createApp(config, { logger: false });
    await first.init();
    const { seedOnFirstStart } = await import('../../src/ledger/import/seed-on-first-start');
    await seedOnFirstStart(first, config, { log: () => undefined } as never);
    await first.get(ProjectionRunner).readyForRead();
    await first.close(); // writes the snapshot

    const second = await createApp(config, { logger: false });
    if (background) second.get(ProjectionRunner).startInBackground();
    await second.init();
    try {
      const runner = second.get(ProjectionRunner);
      await runner.readyForRead();
      // Restored from the snapshot (which it then re-checks), not rebuilt from the log.
      expect(runner.integrity.snapshot).not.toBeNull();
      const projections = second.get<Projection<unknown>[]>(PROJECTIONS);
      const questionId = [...runner.view(questionsProjection).questions.keys()][0];
      const claimId = [...runner.view(questionsProjection).questions.get(questionId)!.claims.keys()][0];
      const bus = second.get(CommandBus);
      const commandId = randomUUID();
      await bus.execute(
        new RecordStance(claimId, { stance: 'dispute', confidence: 0.4 } as never, {
          principal: { id: 'p', name: 'p' },
          commandId,
          correlationId: commandId,
          causationId: commandId,
          provenance: {},
        }),
      );
      await runner.readyForRead();
      const restored = plainViews(runner, projections);
      await runner.rebuild();
      expect(plainViews(runner, projections)).toEqual(restored);
    } finally {
      await second.close();
    }
  });
});
