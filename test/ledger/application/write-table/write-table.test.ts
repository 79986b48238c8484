import { describe, expect, it, vi } from 'vitest';
import { DomainRuleError, NotFoundError } from '../../../../src/ledger/domain-error';
import { entityIdFor } from '../../../../src/ledger/application/derived-ids';
import type { CommandContext } from '../../../../src/ledger/provenance/provenance';
import { Write, type WriteName } from '../../../../src/ledger/application/write-table/write';
import { WriteHandler } from '../../../../src/ledger/application/write-table/write-handler';
import { AttachEvidence, OpenQuestion, ProposeClaim, RegisterSource, RelateClaims, ReviseClaim } from '../../../../src/ledger/application/write-table/write-messages';
import type { WriteReferences } from '../../../../src/ledger/application/write-table/write-rule';
import { WRITE_TABLE } from '../../../../src/ledger/application/write-table/write-table';

const QUESTION = '00000000-0000-4000-8000-00000000000a';
const CLAIM = '00000000-0000-4000-8000-00000000000c';
const EVIDENCE = '00000000-0000-4000-8000-00000000000e';
const SOURCE = '00000000-0000-4000-8000-00000000000f';

const context = (role: 'contributor' | 'moderator' = 'contributor'): CommandContext => ({
  principal: { id: 'p-1', name: 'Ana', role },
  commandId: '00000000-0000-4000-8000-000000000001',
  correlationId: 'c',
  causationId: 'c',
  provenance: {},
});

const OUTAGE = '00000000-0000-4000-8000-0000000000ee';

/** References of a small ledger: one question holding CLAIM and EVIDENCE, one source. */
function references(): WriteReferences & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    questionOfClaim: async (id) => {
      calls.push(`questionOfClaim ${id}`);
      // As the real locator: an id it cannot find is a NotFoundError; anything else is an outage.
      if (id === OUTAGE) throw new Error('the store does not answer');
      if (id !== CLAIM) throw new NotFoundError('claim', id);
      return QUESTION;
    },
    questionOfEvidence: async (id) => {
      calls.push(`questionOfEvidence ${id}`);
      return QUESTION;
    },
    questionExists: async (id) => id === QUESTION,
    requireSource: async (id, field) => {
      calls.push(`requireSource ${id} ${field}`);
      if (id !== SOURCE) throw new DomainRuleError('unknown-source', `Source ${id} does not exist`, field);
    },
  };
}

/** Runs a write through its row of the table, as the handler does, and gives the decider's command. */
async function decide(write: Write, refs = references()) {
  const rule = WRITE_TABLE[write.name] as (typeof WRITE_TABLE)[WriteName];
  const at = await rule.locate(write as never, refs);
  await rule.check?.(write as never, refs);
  return { aggregate: rule.aggregate, at, command: rule.command(write as never, at) };
}

describe('the write table', () => {
  it('has a row for every write, each building the decider command of that name on the right aggregate', async () => {
    const samples: Write[] = [
      new OpenQuestion({ title: 'Q' }, context()),
      new Write('RewordQuestion', { title: 'Q2', reason: 'r' }, context(), undefined, QUESTION),
      new Write('ChangeProofStandard', { proofStandard: 'preponderance', reason: 'r' }, context(), undefined, QUESTION),
      new Write('ResolveQuestion', { summary: 's', acceptedClaimIds: [CLAIM] }, context(), undefined, QUESTION),
      new Write('ReopenQuestion', { reason: 'r' }, context(), undefined, QUESTION),
      new ProposeClaim(QUESTION, { text: 't', kind: 'answer' }, context()),
      new ReviseClaim(CLAIM, { text: 't2', reason: 'r' }, context()),
      new Write('RetractClaim', { reason: 'r' }, context(), undefined, CLAIM),
      new RelateClaims({ fromClaimId: CLAIM, toClaimId: CLAIM, relation: 'supports' }, context()),
      new Write('RecordStance', { stance: 'endorse', confidence: 0.5 }, context(), undefined, CLAIM),
      new AttachEvidence(CLAIM, { sourceId: SOURCE, stance: 'supports' }, context()),
      new Write('VerifyEvidence', { verification: 'transcribed' }, context(), undefined, EVIDENCE),
      new Write('WithdrawEvidence', { reason: 'r' }, context(), undefined, EVIDENCE),
      new RegisterSource({ kind: 'report', title: 'S', authors: [] }, context()),
      new Write('AppraiseSource', { reliability: 'B', note: 'n' }, context(), undefined, SOURCE),
    ];
    expect(new Set(samples.map((w) => w.name))).toEqual(new Set(Object.keys(WRITE_TABLE)));
    for (const write of samples) {
      const { aggregate, command } = await decide(write);
      expect(command.type, write.name).toBe(write.name);
      expect(aggregate, write.name).toBe(write.name.endsWith('Source') ? 'source' : 'question');
    }
  });

  it('derives the ids of what a write creates from its command id, so a retry creates nothing new', async () => {
    const ctx = context();
    const { at, command } = await decide(new ProposeClaim(QUESTION, { text: 't', kind: 'answer', respondsTo: { claimId: CLAIM, relation: 'rebuts' } }, ctx));
    expect(at).toBe(QUESTION);
    expect(command).toMatchObject({
      claimId: entityIdFor(ctx.commandId, 'claim'),
      respondsTo: { claimId: CLAIM, relation: 'rebuts', relationId: entityIdFor(ctx.commandId, 'relation') },
      passage: null,
      owner: { id: 'p-1', name: 'Ana' },
    });
    expect((await decide(new OpenQuestion({ title: 'Q' }, ctx))).at).toBe(entityIdFor(ctx.commandId, 'question'));
  });

  it('refuses a sub-question of an unknown question, naming parentQuestionId', async () => {
    const unknown = '00000000-0000-4000-8000-0000000000ff';
    await expect(decide(new OpenQuestion({ title: 'Q', parentQuestionId: unknown }, context()))).rejects.toMatchObject({ code: 'unknown-question', field: 'parentQuestionId' });
    await expect(decide(new OpenQuestion({ title: 'Q', parentQuestionId: QUESTION }, context()))).resolves.toMatchObject({ command: { parentQuestionId: QUESTION } });
  });

  it('refuses a relation from an unknown claim as unknown-claim on fromClaimId, and relates to evidence when asked', async () => {
    const unknown = '00000000-0000-4000-8000-0000000000ff';
    await expect(decide(new RelateClaims({ fromClaimId: unknown, toClaimId: CLAIM, relation: 'rebuts' }, context()))).rejects.toMatchObject({
      code: 'unknown-claim',
      field: 'fromClaimId',
    });
    // A store that does not answer is not a missing claim: it passes through, to be answered as an outage.
    await expect(decide(new RelateClaims({ fromClaimId: OUTAGE, toClaimId: CLAIM, relation: 'rebuts' }, context()))).rejects.toThrow('the store does not answer');
    const { command } = await decide(new RelateClaims({ fromClaimId: CLAIM, toEvidenceId: EVIDENCE, relation: 'undercuts' }, context()));
    expect(command).toMatchObject({ type: 'RelateClaimToEvidence', toEvidenceId: EVIDENCE, relation: 'undercuts' });
  });

  it('checks the cited source after finding the claim, and gives API evidence the verification examined', async () => {
    const refs = references();
    const { command } = await decide(new AttachEvidence(CLAIM, { sourceId: SOURCE, stance: 'supports' }, context()), refs);
    expect(refs.calls).toEqual([`questionOfClaim ${CLAIM}`, `requireSource ${SOURCE} sourceId`]);
    expect(command).toMatchObject({ verification: 'examined', locator: null, quote: null, credibility: null });
    await expect(decide(new AttachEvidence(CLAIM, { sourceId: EVIDENCE, stance: 'supports' }, context()))).rejects.toMatchObject({ code: 'unknown-source', field: 'sourceId' });
  });

  it('marks a moderator as such on writes that change someone else’s contribution', async () => {
    const { command } = await decide(new ReviseClaim(CLAIM, { text: 't', reason: 'r' }, context('moderator')));
    expect(command).toMatchObject({ actor: { principalId: 'p-1', moderator: true } });
  });

  it('says which id is missing when an addressed write is sent without one', async () => {
    await expect(decide(new Write('ReviseClaim', { text: 't', reason: 'r' }, context()))).rejects.toThrow(/ReviseClaim needs .*subjectId/);
  });
});

describe('the write handler', () => {
  it('sends the decided command to its aggregate’s stream with the revision the client read', async () => {
    const execute = vi.fn().mockResolvedValue({ id: 'x' });
    const writer = { execute, exists: vi.fn(), requireSource: vi.fn().mockResolvedValue(undefined) };
    const locator = { questionOfClaim: vi.fn().mockResolvedValue(QUESTION), questionOfEvidence: vi.fn() };
    const handler = new WriteHandler(writer as never, locator as never);
    const ctx = context();

    await handler.execute(new ReviseClaim(CLAIM, { text: 't', reason: 'r' }, ctx, 7n));
    expect(execute.mock.calls[0]![0].stream).toBe(`question-${QUESTION}`);
    expect(execute.mock.calls[0]![1]).toMatchObject({ type: 'ReviseClaim', questionId: QUESTION, claimId: CLAIM });
    expect(execute.mock.calls[0]![2]).toBe(ctx);
    expect(execute.mock.calls[0]![3]).toEqual({ expectedRevision: 7n });

    await handler.execute(new Write('AppraiseSource', { reliability: 'C', note: 'n' }, ctx, undefined, SOURCE));
    expect(execute.mock.calls[1]![0].stream).toBe(`source-${SOURCE}`);
    expect(execute.mock.calls[1]![3]).toEqual({ expectedRevision: undefined });
  });
});
