import { describe, expect, it } from 'vitest';
import type { QuestionClaim, QuestionDetail, QuestionEvidence } from '../../web/src/api/types';
import {
  attachEvidenceForm,
  changeValue,
  initialValues,
  openQuestionForm,
  proposeClaimForm,
  questionForms,
  registerSourceForm,
  relateForm,
  resolveForm,
  reviseClaimForm,
  rewordQuestionForm,
  stanceForm,
  type FormContext,
  type Values,
} from '../../web/src/features/contribute/forms';
import { placeProblem } from '../../web/src/features/contribute/problem-fields';
import { atLeast, mayChange, type Me } from '../../web/src/features/contribute/roles';

const carla: Me = { id: 'carla', name: 'Carla', role: 'contributor' };
const moe: Me = { id: 'moe', name: 'Moe', role: 'moderator' };
const reader: Me = { id: 'rita', name: 'Rita', role: 'reader' };

const claim = (id: string, ownerId: string, status = 'live'): QuestionClaim =>
  ({ id, text: `claim ${id}`, status, owner: { id: ownerId, name: ownerId }, provenance: { attributedTo: { name: ownerId }, occurredAt: '2021' } }) as unknown as QuestionClaim;
const question = {
  id: 'q-1',
  proofStandard: 'preponderance',
  resolution: null,
  claims: [claim('c-carla', 'carla'), claim('c-other', 'other'), claim('c-gone', 'carla', 'retracted')],
  evidence: [{ id: 'e-other', claimId: 'c-other', sourceId: 's-1', verification: 'cited', status: 'attached', owner: { id: 'other', name: 'other' } } as unknown as QuestionEvidence],
} as unknown as QuestionDetail;
const ctx = (me: Me, selectedClaim: string | null = null): FormContext & { question: QuestionDetail } => ({ me, question, sources: [], selectedClaim });
const fill = (initial: Values, values: Values): Values => ({ ...initial, ...values });

describe('forms → request bodies', () => {
  it('proposes a claim with its passage, its reply and its provenance, leaving out what was not given', () => {
    const form = proposeClaimForm(ctx(carla, 'c-other'));
    const start = initialValues(form);
    // The selected claim is preselected as the one replied to.
    expect(start['respondsTo.claimId']).toBe('c-other');
    const request = form.request(
      fill(start, {
        text: 'The allowance was NKVD money.',
        passage: '  quoted, spaces and all ',
        kind: 'hypothesis',
        'respondsTo.relation': 'rebuts',
        'provenance.attributedTo.name': 'Boris Volodarsky',
        'provenance.occurredAt': '2021-02-12T03:13:00-08:00',
      }),
    );
    expect(request).toEqual({
      method: 'POST',
      path: '/api/questions/q-1/claims',
      body: {
        text: 'The allowance was NKVD money.',
        // Verbatim: never trimmed.
        passage: '  quoted, spaces and all ',
        kind: 'hypothesis',
        respondsTo: { claimId: 'c-other', relation: 'rebuts' },
        provenance: { attributedTo: { name: 'Boris Volodarsky' }, occurredAt: '2021-02-12T03:13:00-08:00' },
      },
    });
    const bare = proposeClaimForm(ctx(carla)).request(fill(initialValues(proposeClaimForm(ctx(carla))), { text: '' }));
    // A blank text is sent as it is, for the API to name; nothing else is invented.
    expect(bare.body).toEqual({ text: '', kind: 'answer' });
  });

  it('sends a location without a name as it is, so the API names the missing name', () => {
    const form = proposeClaimForm(ctx(carla));
    const body = form.request(fill(initialValues(form), { text: 't', 'provenance.attributedTo.location': 'Austria' })).body;
    expect(body.provenance).toEqual({ attributedTo: { name: '', location: 'Austria' } });
  });

  it('relates a claim to a claim or to evidence through one "bears on" choice', () => {
    const form = relateForm(ctx(carla, 'c-carla'));
    const base = initialValues(form);
    expect(base.fromClaimId).toBe('c-carla');
    expect(form.request(fill(base, { relation: 'rebuts', target: 'claim:c-other' })).body).toEqual({ fromClaimId: 'c-carla', toClaimId: 'c-other', relation: 'rebuts' });
    expect(form.request(fill(base, { relation: 'undercuts', target: 'evidence:e-other' })).body).toEqual({ fromClaimId: 'c-carla', toEvidenceId: 'e-other', relation: 'undercuts' });
    // No target: neither is sent, and the API's "give toClaimId or toEvidenceId" lands on the choice.
    expect(form.request(base).body).toEqual({ fromClaimId: 'c-carla', relation: 'supports' });
  });

  it('registers a guide entry with its counts as numbers, authors one per line', () => {
    const form = registerSourceForm({ sources: [] });
    const request = form.request(
      fill(initialValues(form), {
        kind: 'archival',
        title: 'Documents on the history of the Soviet Red Cross',
        authors: 'Union of Red Cross Societies\n\n  Second Author \n',
        'identifiers.archive.kind': 'guide-entry',
        'identifiers.archive.repository': 'GARF',
        'identifiers.archive.fond': 'R-9501',
        'identifiers.archive.inventories': '17',
        'identifiers.archive.storageUnits': '8756',
        'identifiers.archive.years': '1918–1992',
        reliability: 'B',
      }),
    );
    expect(request).toEqual({
      method: 'POST',
      path: '/api/sources',
      body: {
        kind: 'archival',
        title: 'Documents on the history of the Soviet Red Cross',
        authors: ['Union of Red Cross Societies', 'Second Author'],
        identifiers: { archive: { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', inventories: 17, storageUnits: 8756, years: '1918–1992' } },
        reliability: 'B',
      },
    });
    // No archive field filled: no archive reference, though its kind has a default.
    expect(form.request(fill(initialValues(form), { title: 'x', 'identifiers.url': 'https://a.org' })).body.identifiers).toEqual({ url: 'https://a.org' });
    // A count that is not a whole number is sent as typed, for the API to refuse by name.
    const odd = form.request(fill(initialValues(form), { 'identifiers.archive.repository': 'GARF', 'identifiers.archive.storageUnits': 'many' })).body;
    expect((odd.identifiers as { archive: { storageUnits: unknown } }).archive.storageUnits).toBe('many');
  });

  it('attaches evidence to the claim in the path, with its verification and credibility', () => {
    const form = attachEvidenceForm(ctx(carla, 'c-other'));
    const request = form.request(fill(initialValues(form), { sourceId: 's-1', locator: 'op. 17', credibility: '2' }));
    expect(request).toEqual({
      method: 'POST',
      path: '/api/claims/c-other/evidence',
      body: { sourceId: 's-1', stance: 'supports', locator: 'op. 17', verification: 'examined', credibility: 2 },
    });
  });

  it('records a stance with a numeric confidence, and resolves with the claims chosen', () => {
    const stance = stanceForm(ctx(carla, 'c-other'));
    expect(stance.request(fill(initialValues(stance), { stance: 'dispute', confidence: '0.25' }))).toEqual({
      method: 'POST',
      path: '/api/claims/c-other/stances',
      body: { stance: 'dispute', confidence: 0.25 },
    });
    const resolve = resolveForm(ctx(moe));
    expect(resolve.request({ summary: 'Done.', acceptedClaimIds: 'c-carla\nc-other' }).body).toEqual({ summary: 'Done.', acceptedClaimIds: ['c-carla', 'c-other'] });
  });

  it('rewords a question sending only what changed', () => {
    const form = rewordQuestionForm(ctx(moe));
    const q = { ...question, title: 'Old title', body: 'Old body' } as QuestionDetail;
    const reword = rewordQuestionForm({ ...ctx(moe), question: q });
    expect(reword.request(fill(initialValues(reword), { title: 'New title', reason: 'clearer' })).body).toEqual({ title: 'New title', reason: 'clearer' });
    expect(form.fields.map((f) => f.name)).toEqual(['title', 'body', 'reason']);
  });

  it('opens a question with its tags split at commas', () => {
    const form = openQuestionForm({ sources: [] });
    expect(form.request(fill(initialValues(form), { title: 'Who paid?', tags: 'nkvd, pce' })).body).toEqual({ title: 'Who paid?', tags: ['nkvd', 'pce'] });
  });
});

describe('what each role is offered', () => {
  const ids = (me: Me) => questionForms(ctx(me)).map((f) => f.id);

  it('offers a reader nothing, a contributor the contributor forms and revision of their own live claims only', () => {
    expect(ids(reader)).toEqual([]);
    expect(ids(carla)).toEqual(['propose-claim', 'relate', 'register-source', 'attach-evidence', 'record-stance', 'revise-claim', 'retract-claim']);
    const revise = reviseClaimForm(ctx(carla));
    expect(revise.fields[0]!.options!.map((o) => o.value)).toEqual(['', 'c-carla']);
    // Choosing the claim fills in its current wording to edit; preselecting it does too.
    expect(changeValue(revise, initialValues(revise), 'claimId', 'c-carla').text).toBe('claim c-carla');
    expect(initialValues(reviseClaimForm(ctx(carla, 'c-carla'))).text).toBe('claim c-carla');
    // What the reviser wrote is never overwritten.
    expect(changeValue(revise, { claimId: '', text: 'my words', reason: '' }, 'claimId', 'c-carla').text).toBe('my words');
    // Someone who owns nothing here is not offered revision or verification at all.
    expect(ids({ id: 'new', name: 'New', role: 'contributor' })).not.toContain('revise-claim');
    expect(ids({ id: 'new', name: 'New', role: 'contributor' })).not.toContain('verify-evidence');
  });

  it('offers moderators their actions, and anyone’s claims and evidence to change', () => {
    expect(ids(moe)).toEqual(expect.arrayContaining(['reword-question', 'proof-standard', 'resolve', 'appraise-source', 'verify-evidence', 'withdraw-evidence', 'revise-claim']));
    expect(ids(carla)).not.toContain('withdraw-evidence');
    expect(ids(carla)).not.toEqual(expect.arrayContaining(['proof-standard']));
    expect(reviseClaimForm(ctx(moe)).fields[0]!.options!.map((o) => o.value)).toEqual(['', 'c-carla', 'c-other']);
    // A resolved question offers reopening instead of resolving.
    expect(questionForms({ ...ctx(moe), question: { ...question, resolution: { summary: 's', acceptedClaimIds: [], provenance: {} as never } } }).map((f) => f.id)).toContain('reopen');
    expect(atLeast(moe, 'contributor')).toBe(true);
    expect(mayChange(carla, { id: 'other' })).toBe(false);
    expect(mayChange(reader, { id: 'rita' })).toBe(false);
  });
});

describe('problem details → field errors', () => {
  const fields = proposeClaimForm(ctx(carla)).fields;

  it('puts each message next to the field its path names, and the rest in the summary', () => {
    const placed = placeProblem(
      {
        status: 400,
        title: 'Invalid request',
        detail: 'Invalid request: text, provenance.occurredAt',
        errors: [
          { field: 'text', message: 'text must not be blank' },
          { field: 'provenance.occurredAt', message: 'occurredAt a time needs a zone' },
          { field: 'Authorization', message: 'no bearer token' },
        ],
      },
      fields,
    );
    expect(placed.byField).toEqual({ text: ['text must not be blank'], 'provenance.occurredAt': ['occurredAt a time needs a zone'] });
    expect(placed.unplaced).toEqual([{ field: 'Authorization', message: 'no bearer token' }]);
    expect(placed.summary).toBe('Invalid request: text, provenance.occurredAt');
  });

  it('places an error on an object on its first field, a list item on its list, and a path parameter on its alias', () => {
    expect(placeProblem({ status: 400, errors: [{ field: 'provenance.attributedTo', message: 'must be an object' }] }, fields).byField).toEqual({
      'provenance.attributedTo.name': ['must be an object'],
    });
    const source = registerSourceForm({ sources: [] }).fields;
    expect(placeProblem({ status: 400, errors: [{ field: 'authors[1]', message: 'must not be blank' }] }, source).byField).toEqual({ authors: ['line 2: must not be blank'] });
    const attach = attachEvidenceForm(ctx(carla)).fields;
    expect(placeProblem({ status: 400, errors: [{ field: 'id', message: 'must be a UUID' }] }, attach).byField).toEqual({ claimId: ['must be a UUID'] });
    const relate = relateForm(ctx(carla)).fields;
    expect(placeProblem({ status: 400, errors: [{ field: 'toClaimId', message: 'give toClaimId or toEvidenceId' }] }, relate).byField).toEqual({ target: ['give toClaimId or toEvidenceId'] });
  });

  it('summarises with the title or the status when there is no detail', () => {
    expect(placeProblem({ status: 403, title: 'Forbidden' }, fields).summary).toBe('Forbidden');
    expect(placeProblem({ status: 502 }, fields).summary).toBe('The ledger answered 502');
  });
});
