import { PROOF_STANDARDS, VERIFICATIONS } from '../../../../contract/question.events';
import { ARCHIVE_REFERENCE_KINDS } from '../../../../contract/source.events';
import type { QuestionClaim, QuestionDetail, QuestionEvidence } from '../../api/types';
import { excerpt, type SourceRecord } from '../reading/reading-model';
import type { NamedField } from './problem-fields';
import { atLeast, mayChange, type Me } from './roles';

export type Values = Record<string, string>;
export interface Option {
  value: string;
  label: string;
}

export interface FieldSpec extends NamedField {
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'number' | 'multiselect';
  options?: readonly Option[];
  /** Options in groups (claims and evidence as relation targets). */
  groups?: readonly { label: string; options: readonly Option[] }[];
  hint?: string;
  required?: boolean;
  initial?: string;
  /** Consecutive fields with the same legend are shown in one fieldset. */
  fieldset?: string;
  step?: string;
}

export interface FormRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
}

export interface FormDefinition {
  id: string;
  title: string;
  /** Says who may use it, when not every contributor: shown beside moderator actions. */
  moderatorOnly?: boolean;
  submitLabel: string;
  /** Said (politely, to screen readers too) once the write succeeded. */
  success: string;
  fields: FieldSpec[];
  request(values: Values): FormRequest;
  /** The sources list must be read again afterwards (a source was registered or appraised). */
  touchesSources?: boolean;
  /** Values that follow from a change (the current wording when a claim to revise is chosen). */
  derive?(values: Values, changed: string, previous: Values): Values;
}

export interface FormContext {
  me: Me;
  question: QuestionDetail | null;
  sources: readonly SourceRecord[];
  /** The claim selected on the page (the claim panel's), preselected in claim forms. */
  selectedClaim: string | null;
}

const enc = encodeURIComponent;

/** An optional text: left out of the body when empty, so that the API applies its default. */
const optional = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

/**
 * A whole number typed in a text box: sent as a number when it is one, else as typed, so that the
 * API's answer ("must be an integer") names the field rather than the page guessing.
 */
const wholeNumber = (value: string | undefined): number | string | undefined => {
  const v = optional(value?.trim());
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : v;
};
const decimalNumber = (value: string | undefined): number | string | undefined => {
  const v = optional(value?.trim());
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
};

/** Drops the keys whose value is undefined, and returns undefined for an object left empty. */
function compact<T extends Record<string, unknown>>(object: T): Partial<T> | undefined {
  const entries = Object.entries(object).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Partial<T>);
}

const PROVENANCE_HINT =
  'When it was originally said: a date and time with its zone (2021-02-12T03:13:00-08:00 or …Z), or a date as precise as the source gives it (1947, 1947-02, 1947-02-10).';

/** Who said it, when and where, when it is not you speaking now. */
export function provenanceFields(sources: readonly SourceRecord[]): FieldSpec[] {
  const fieldset = 'Provenance (who originally said it, when, where)';
  return [
    { name: 'provenance.attributedTo.name', label: 'Said by', kind: 'text', fieldset, hint: 'The historical author; leave empty if it is you.' },
    { name: 'provenance.attributedTo.location', label: 'Their location', kind: 'text', fieldset },
    { name: 'provenance.occurredAt', label: 'Said on', kind: 'text', fieldset, hint: PROVENANCE_HINT },
    { name: 'provenance.saidIn', label: 'Said in (a registered source)', kind: 'select', fieldset, options: [{ value: '', label: '— none —' }, ...sourceOptions(sources)] },
  ];
}

export function provenanceBody(values: Values): Record<string, unknown> | undefined {
  const attributedTo = compact({ name: optional(values['provenance.attributedTo.name']), location: optional(values['provenance.attributedTo.location']) });
  return compact({
    // A location without a name is sent as it is: the API then says the name is missing, next to that field.
    attributedTo: attributedTo && { name: values['provenance.attributedTo.name'] ?? '', ...attributedTo },
    occurredAt: optional(values['provenance.occurredAt']),
    saidIn: optional(values['provenance.saidIn']),
  });
}

export function claimOptions(claims: readonly QuestionClaim[], filter: (c: QuestionClaim) => boolean = (c) => c.status === 'live'): Option[] {
  return claims.filter(filter).map((c) => ({ value: c.id, label: `${c.provenance.attributedTo.name}: ${excerpt(c.text, 12)}` }));
}

export function sourceOptions(sources: readonly SourceRecord[]): Option[] {
  return sources.map((s) => ({ value: s.id, label: `${s.title}${s.issued ? ` (${s.issued})` : ''}` }));
}

function evidenceOptions(question: QuestionDetail, sources: readonly SourceRecord[], filter: (e: QuestionEvidence) => boolean = () => true): Option[] {
  const titles = new Map(sources.map((s) => [s.id, s.title]));
  return question.evidence
    .filter((e) => e.status !== 'withdrawn' && filter(e))
    .map((e) => ({ value: e.id, label: `${titles.get(e.sourceId) ?? 'a source'}${e.locator ? `, ${e.locator}` : ''} (${e.verification})` }));
}

const choose = (label: string, options: Option[]): Option[] => [{ value: '', label: `— ${label} —` }, ...options];
const kindOptions = (values: readonly string[]): Option[] => values.map((v) => ({ value: v, label: v }));

export function openQuestionForm(ctx: Pick<FormContext, 'sources'>): FormDefinition {
  return {
    id: 'open-question',
    title: 'Open a question',
    submitLabel: 'Open the question',
    success: 'Question opened.',
    fields: [
      { name: 'title', label: 'Title', kind: 'text', required: true },
      { name: 'body', label: 'What it is about', kind: 'textarea' },
      { name: 'tags', label: 'Tags', kind: 'text', hint: 'Separated by commas: soviet-red-cross, pce' },
      { name: 'proofStandard', label: 'Proof standard', kind: 'select', options: choose('the default (preponderance)', kindOptions(PROOF_STANDARDS)) },
      ...provenanceFields(ctx.sources),
    ],
    request: (v) => ({
      method: 'POST',
      path: '/api/questions',
      body: compactBody({
        title: v.title ?? '',
        body: optional(v.body),
        tags: optional(v.tags)
          ?.split(',')
          .map((t) => t.trim()),
        proofStandard: optional(v.proofStandard),
        provenance: provenanceBody(v),
      }),
    }),
  };
}

export function proposeClaimForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  return {
    id: 'propose-claim',
    title: 'Propose a claim',
    submitLabel: 'Propose the claim',
    success: 'Claim proposed.',
    fields: [
      { name: 'text', label: 'Claim', kind: 'textarea', required: true, hint: 'In your own words: what is claimed, with its hedges.' },
      { name: 'passage', label: 'Passage, verbatim', kind: 'textarea', hint: 'The text it paraphrases, quoted exactly; leave empty if it is drawn from no text.' },
      { name: 'kind', label: 'Kind', kind: 'select', required: true, initial: 'answer', options: kindOptions(['answer', 'hypothesis', 'background']) },
      { name: 'respondsTo.claimId', label: 'In reply to', kind: 'select', options: choose('none', claimOptions(ctx.question.claims)), initial: ctx.selectedClaim ?? '' },
      { name: 'respondsTo.relation', label: 'Relation to it', kind: 'select', initial: 'supports', options: kindOptions(['supports', 'rebuts', 'undercuts', 'competes']) },
      ...provenanceFields(ctx.sources),
    ],
    request: (v) => ({
      method: 'POST',
      path: `/api/questions/${enc(ctx.question.id)}/claims`,
      body: compactBody({
        text: v.text ?? '',
        passage: optional(v.passage),
        kind: v.kind ?? '',
        respondsTo: optional(v['respondsTo.claimId']) ? { claimId: v['respondsTo.claimId'], relation: v['respondsTo.relation'] ?? '' } : undefined,
        provenance: provenanceBody(v),
      }),
    }),
  };
}

export function reviseClaimForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  const own = claimOptions(ctx.question.claims, (c) => c.status === 'live' && mayChange(ctx.me, c.owner));
  return {
    id: 'revise-claim',
    title: 'Revise a claim',
    submitLabel: 'Revise',
    success: 'Claim revised.',
    fields: [
      { name: 'claimId', apiFields: ['id'], label: 'Claim', kind: 'select', required: true, options: choose('choose a claim', own), initial: preselect(own, ctx.selectedClaim) },
      { name: 'text', label: 'New wording', kind: 'textarea', required: true, hint: 'The passage it paraphrases stays as first given.' },
      { name: 'reason', label: 'Why', kind: 'text', required: true },
    ],
    request: (v) => ({ method: 'PATCH', path: `/api/claims/${enc(v.claimId ?? '')}`, body: { text: v.text ?? '', reason: v.reason ?? '' } }),
    derive: (values, changed, previous) => {
      if (changed !== 'claimId') return values;
      const wording = (id: string | undefined) => ctx.question.claims.find((c) => c.id === id)?.text ?? '';
      // The current wording to edit, unless the reviser has already written something of their own.
      const untouched = (previous.text ?? '') === '' || previous.text === wording(previous.claimId);
      return untouched ? { ...values, text: wording(values.claimId) } : values;
    },
  };
}

export function retractClaimForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  const own = claimOptions(ctx.question.claims, (c) => c.status === 'live' && mayChange(ctx.me, c.owner));
  return {
    id: 'retract-claim',
    title: 'Retract a claim',
    submitLabel: 'Retract',
    success: 'Claim retracted.',
    fields: [
      { name: 'claimId', apiFields: ['id'], label: 'Claim', kind: 'select', required: true, options: choose('choose a claim', own), initial: preselect(own, ctx.selectedClaim) },
      { name: 'reason', label: 'Why', kind: 'text', required: true, hint: 'The claim stays in the record, labelled retracted.' },
    ],
    request: (v) => ({ method: 'POST', path: `/api/claims/${enc(v.claimId ?? '')}/retraction`, body: { reason: v.reason ?? '' } }),
  };
}

export function relateForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  const claims = claimOptions(ctx.question.claims);
  return {
    id: 'relate',
    title: 'Relate a claim to a claim or to evidence',
    submitLabel: 'Relate',
    success: 'Relation recorded.',
    fields: [
      { name: 'fromClaimId', label: 'The claim', kind: 'select', required: true, options: choose('choose a claim', claims), initial: preselect(claims, ctx.selectedClaim) },
      {
        name: 'relation',
        label: 'Relation',
        kind: 'select',
        required: true,
        initial: 'supports',
        options: kindOptions(['supports', 'rebuts', 'undercuts', 'competes']),
        hint: 'rebuts attacks the conclusion; undercuts attacks the inference or the evidence; competes: a rival explanation (claims only).',
      },
      {
        name: 'target',
        apiFields: ['toClaimId', 'toEvidenceId'],
        label: 'What it bears on',
        kind: 'select',
        required: true,
        options: [{ value: '', label: '— choose a claim or evidence —' }],
        groups: [
          { label: 'Claims', options: claims.map((o) => ({ ...o, value: `claim:${o.value}` })) },
          { label: 'Evidence', options: evidenceOptions(ctx.question, ctx.sources).map((o) => ({ ...o, value: `evidence:${o.value}` })) },
        ],
      },
      ...provenanceFields(ctx.sources),
    ],
    request: (v) => {
      const [kind, id] = splitTarget(v.target ?? '');
      return {
        method: 'POST',
        path: '/api/claims/relations',
        body: compactBody({
          fromClaimId: v.fromClaimId ?? '',
          ...(kind === 'evidence' ? { toEvidenceId: id } : { toClaimId: id ?? undefined }),
          relation: v.relation ?? '',
          provenance: provenanceBody(v),
        }),
      };
    },
  };
}

function splitTarget(target: string): ['claim' | 'evidence' | null, string | undefined] {
  const match = /^(claim|evidence):(.+)$/.exec(target);
  return match ? [match[1] as 'claim' | 'evidence', match[2]] : [null, undefined];
}

export function registerSourceForm(ctx: Pick<FormContext, 'sources'>): FormDefinition {
  const archive = 'Archival reference (f., op., d., l.; or an archive guide entry)';
  return {
    id: 'register-source',
    title: 'Register a source',
    submitLabel: 'Register the source',
    success: 'Source registered.',
    touchesSources: true,
    fields: [
      { name: 'kind', label: 'Kind', kind: 'select', required: true, initial: 'article', options: kindOptions(['archival', 'report', 'article', 'book', 'forum-post', 'letter', 'interview', 'web', 'other']) },
      { name: 'title', label: 'Title', kind: 'text', required: true },
      { name: 'authors', label: 'Authors', kind: 'textarea', hint: 'One per line.' },
      { name: 'issued', label: 'Issued', kind: 'text', hint: 'As precise as it is known: 1954, 1954-06 or 1954-06-25.' },
      { name: 'identifiers.url', label: 'URL', kind: 'text' },
      { name: 'identifiers.doi', label: 'DOI', kind: 'text', hint: '10.NNNN/suffix' },
      { name: 'identifiers.crest', label: 'CIA CREST number', kind: 'text' },
      { name: 'identifiers.archive.kind', label: 'Reference kind', kind: 'select', fieldset: archive, initial: 'file', options: kindOptions(ARCHIVE_REFERENCE_KINDS) , hint: 'A guide entry describes holdings, never a file: give its counts, not d. or l.' },
      { name: 'identifiers.archive.repository', label: 'Repository', kind: 'text', fieldset: archive, hint: 'GARF, ICRC Archives…' },
      { name: 'identifiers.archive.fond', label: 'Fond (f.)', kind: 'text', fieldset: archive },
      { name: 'identifiers.archive.opis', label: 'Inventory (op.)', kind: 'text', fieldset: archive },
      { name: 'identifiers.archive.delo', label: 'File (d.)', kind: 'text', fieldset: archive },
      { name: 'identifiers.archive.list', label: 'Folios (l.)', kind: 'text', fieldset: archive },
      { name: 'identifiers.archive.inventories', label: 'Inventories described (guide entry)', kind: 'text', fieldset: archive },
      { name: 'identifiers.archive.storageUnits', label: 'Storage units described (guide entry)', kind: 'text', fieldset: archive },
      { name: 'identifiers.archive.years', label: 'Years covered', kind: 'text', fieldset: archive, hint: '1918–1992' },
      { name: 'reliability', label: 'Reliability', kind: 'select', options: choose('not judged', reliabilityOptions()) },
    ],
    request: (v) => {
      const archiveRef = compact({
        repository: optional(v['identifiers.archive.repository']),
        fond: optional(v['identifiers.archive.fond']),
        opis: optional(v['identifiers.archive.opis']),
        delo: optional(v['identifiers.archive.delo']),
        list: optional(v['identifiers.archive.list']),
        inventories: wholeNumber(v['identifiers.archive.inventories']),
        storageUnits: wholeNumber(v['identifiers.archive.storageUnits']),
        years: optional(v['identifiers.archive.years']),
      });
      return {
        method: 'POST',
        path: '/api/sources',
        body: compactBody({
          kind: v.kind ?? '',
          title: v.title ?? '',
          authors: (v.authors ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== ''),
          issued: optional(v.issued),
          // The kind alone (its default shown) is no reference: an archive reference needs at least one of its own fields.
          identifiers: compact({
            url: optional(v['identifiers.url']),
            doi: optional(v['identifiers.doi']),
            crest: optional(v['identifiers.crest']),
            archive: archiveRef && { kind: v['identifiers.archive.kind'] || 'file', repository: v['identifiers.archive.repository'] ?? '', ...archiveRef },
          }),
          reliability: optional(v.reliability),
        }),
      };
    },
  };
}

const reliabilityOptions = (): Option[] =>
  [
    ['A', 'completely reliable'],
    ['B', 'usually reliable'],
    ['C', 'fairly reliable'],
    ['D', 'not usually reliable'],
    ['E', 'unreliable'],
    ['F', 'cannot be judged'],
  ].map(([value, words]) => ({ value: value!, label: `${value} — ${words}` }));

const credibilityOptions = (): Option[] =>
  [
    ['1', 'confirmed by other sources'],
    ['2', 'probably true'],
    ['3', 'possibly true'],
    ['4', 'doubtful'],
    ['5', 'improbable'],
    ['6', 'cannot be judged'],
  ].map(([value, words]) => ({ value: value!, label: `${value} — ${words}` }));

export function attachEvidenceForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  const claims = claimOptions(ctx.question.claims);
  return {
    id: 'attach-evidence',
    title: 'Attach evidence',
    submitLabel: 'Attach',
    success: 'Evidence attached.',
    fields: [
      { name: 'claimId', apiFields: ['id'], label: 'To the claim', kind: 'select', required: true, options: choose('choose a claim', claims), initial: preselect(claims, ctx.selectedClaim) },
      { name: 'sourceId', label: 'Source', kind: 'select', required: true, options: choose('choose a registered source', sourceOptions(ctx.sources)), hint: 'Register it first if it is not listed.' },
      { name: 'stance', label: 'It', kind: 'select', required: true, initial: 'supports', options: kindOptions(['supports', 'undermines']) },
      { name: 'locator', label: 'Where in the source', kind: 'text', hint: 'Page, folio, paragraph: op. 17, d. 8756, l. 12' },
      { name: 'quote', label: 'Quote', kind: 'textarea' },
      {
        name: 'verification',
        label: 'Verification',
        kind: 'select',
        initial: 'examined',
        options: [
          { value: 'cited', label: 'cited — a reference not yet read (a lead, no weight)' },
          { value: 'examined', label: 'examined — read at the locator' },
          { value: 'transcribed', label: 'transcribed — the quote is verbatim from it' },
        ],
      },
      { name: 'credibility', label: 'Credibility of the information', kind: 'select', options: choose('not judged', credibilityOptions()) },
    ],
    request: (v) => ({
      method: 'POST',
      path: `/api/claims/${enc(v.claimId ?? '')}/evidence`,
      body: compactBody({
        sourceId: v.sourceId ?? '',
        stance: v.stance ?? '',
        locator: optional(v.locator),
        quote: optional(v.quote),
        verification: optional(v.verification),
        credibility: wholeNumber(v.credibility),
      }),
    }),
  };
}

export function verifyEvidenceForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  const mine = evidenceOptions(ctx.question, ctx.sources, (e) => mayChange(ctx.me, e.owner) && e.verification !== 'transcribed');
  return {
    id: 'verify-evidence',
    title: atLeast(ctx.me, 'moderator') ? 'Raise the verification of evidence' : 'Raise the verification of your evidence',
    submitLabel: 'Record the verification',
    success: 'Verification recorded.',
    fields: [
      { name: 'evidenceId', apiFields: ['id'], label: 'Evidence', kind: 'select', required: true, options: choose('choose evidence', mine) },
      { name: 'verification', label: 'Now', kind: 'select', required: true, initial: 'examined', options: kindOptions(VERIFICATIONS.filter((x) => x !== 'cited')) },
      { name: 'note', label: 'Note', kind: 'textarea', hint: 'Where and how it was read.' },
    ],
    request: (v) => ({ method: 'POST', path: `/api/evidence/${enc(v.evidenceId ?? '')}/verification`, body: compactBody({ verification: v.verification ?? '', note: optional(v.note) }) }),
  };
}

export function withdrawEvidenceForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  const mine = evidenceOptions(ctx.question, ctx.sources, (e) => mayChange(ctx.me, e.owner));
  return {
    id: 'withdraw-evidence',
    title: atLeast(ctx.me, 'moderator') ? 'Withdraw evidence' : 'Withdraw your evidence',
    submitLabel: 'Withdraw',
    success: 'Evidence withdrawn.',
    fields: [
      { name: 'evidenceId', apiFields: ['id'], label: 'Evidence', kind: 'select', required: true, options: choose('choose evidence', mine) },
      { name: 'reason', label: 'Why', kind: 'text', required: true, hint: 'It stays in the record and stops counting.' },
    ],
    request: (v) => ({ method: 'POST', path: `/api/evidence/${enc(v.evidenceId ?? '')}/withdrawal`, body: { reason: v.reason ?? '' } }),
  };
}

export function rewordQuestionForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  return {
    id: 'reword-question',
    title: 'Reword the question',
    moderatorOnly: true,
    submitLabel: 'Reword',
    success: 'Question reworded.',
    fields: [
      { name: 'title', label: 'Title', kind: 'text', initial: ctx.question.title },
      { name: 'body', label: 'What it is about', kind: 'textarea', initial: ctx.question.body },
      { name: 'reason', label: 'Why', kind: 'text', required: true, hint: 'The old wording stays in the history.' },
    ],
    // Only what changed is sent: an unchanged title or body is no rewording.
    request: (v) => ({
      method: 'PATCH',
      path: `/api/questions/${enc(ctx.question.id)}`,
      body: compactBody({
        title: v.title !== ctx.question.title ? (v.title ?? '') : undefined,
        body: v.body !== ctx.question.body ? (v.body ?? '') : undefined,
        reason: v.reason ?? '',
      }),
    }),
  };
}

export function stanceForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  const claims = claimOptions(ctx.question.claims);
  return {
    id: 'record-stance',
    title: 'Record a stance',
    submitLabel: 'Record',
    success: 'Stance recorded.',
    fields: [
      { name: 'claimId', apiFields: ['id'], label: 'On the claim', kind: 'select', required: true, options: choose('choose a claim', claims), initial: preselect(claims, ctx.selectedClaim) },
      { name: 'stance', label: 'You', kind: 'select', required: true, initial: 'endorse', options: kindOptions(['endorse', 'dispute']) },
      { name: 'confidence', label: 'Confidence (0 to 1)', kind: 'number', required: true, initial: '0.7', step: '0.05', hint: 'A social signal shown beside the label; it never moves its strength.' },
    ],
    request: (v) => ({ method: 'POST', path: `/api/claims/${enc(v.claimId ?? '')}/stances`, body: compactBody({ stance: v.stance ?? '', confidence: decimalNumber(v.confidence) }) }),
  };
}

export function proofStandardForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  return {
    id: 'proof-standard',
    title: 'Change the proof standard',
    moderatorOnly: true,
    submitLabel: 'Change',
    success: 'Proof standard changed.',
    fields: [
      { name: 'proofStandard', label: 'Proof standard', kind: 'select', required: true, initial: ctx.question.proofStandard, options: kindOptions(PROOF_STANDARDS) },
      { name: 'reason', label: 'Why', kind: 'text', required: true },
    ],
    request: (v) => ({ method: 'POST', path: `/api/questions/${enc(ctx.question.id)}/proof-standard`, body: { proofStandard: v.proofStandard ?? '', reason: v.reason ?? '' } }),
  };
}

export function resolveForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  return {
    id: 'resolve',
    title: 'Resolve the question',
    moderatorOnly: true,
    submitLabel: 'Resolve',
    success: 'Question resolved.',
    fields: [
      { name: 'summary', label: 'Resolution', kind: 'textarea', required: true },
      { name: 'acceptedClaimIds', label: 'Claims it accepts', kind: 'multiselect', options: claimOptions(ctx.question.claims), hint: 'The consensus will say whether it agrees.' },
    ],
    request: (v) => ({
      method: 'POST',
      path: `/api/questions/${enc(ctx.question.id)}/resolution`,
      body: { summary: v.summary ?? '', acceptedClaimIds: (v.acceptedClaimIds ?? '').split('\n').filter((id) => id !== '') },
    }),
  };
}

export function reopenForm(ctx: FormContext & { question: QuestionDetail }): FormDefinition {
  return {
    id: 'reopen',
    title: 'Reopen the question',
    moderatorOnly: true,
    submitLabel: 'Reopen',
    success: 'Question reopened.',
    fields: [{ name: 'reason', label: 'Why', kind: 'text', required: true }],
    request: (v) => ({ method: 'POST', path: `/api/questions/${enc(ctx.question.id)}/reopening`, body: { reason: v.reason ?? '' } }),
  };
}

export function appraiseSourceForm(ctx: Pick<FormContext, 'sources'>): FormDefinition {
  return {
    id: 'appraise-source',
    title: 'Appraise a source',
    moderatorOnly: true,
    submitLabel: 'Appraise',
    success: 'Appraisal recorded.',
    touchesSources: true,
    fields: [
      { name: 'sourceId', apiFields: ['id'], label: 'Source', kind: 'select', required: true, options: choose('choose a source', sourceOptions(ctx.sources)) },
      { name: 'reliability', label: 'Reliability', kind: 'select', required: true, options: choose('choose', reliabilityOptions()) },
      { name: 'note', label: 'Why', kind: 'text', required: true },
    ],
    request: (v) => ({ method: 'PATCH', path: `/api/sources/${enc(v.sourceId ?? '')}/appraisal`, body: { reliability: v.reliability ?? '', note: v.note ?? '' } }),
  };
}

/**
 * The forms offered on a question to the signed-in principal: a contributor's, the owner-only ones
 * when they own something to change, and a moderator's actions to moderators only (the API refuses
 * them to others anyway: offering them would only lead to a 403).
 */
export function questionForms(ctx: FormContext & { question: QuestionDetail }): FormDefinition[] {
  if (!atLeast(ctx.me, 'contributor')) return [];
  const forms = [proposeClaimForm(ctx), relateForm(ctx), registerSourceForm(ctx), attachEvidenceForm(ctx), stanceForm(ctx)];
  if (ctx.question.claims.some((c) => c.status === 'live' && mayChange(ctx.me, c.owner))) forms.push(reviseClaimForm(ctx), retractClaimForm(ctx));
  if (ctx.question.evidence.some((e) => e.status !== 'withdrawn' && e.verification !== 'transcribed' && mayChange(ctx.me, e.owner))) forms.push(verifyEvidenceForm(ctx));
  if (ctx.question.evidence.some((e) => e.status !== 'withdrawn' && mayChange(ctx.me, e.owner))) forms.push(withdrawEvidenceForm(ctx));
  if (atLeast(ctx.me, 'moderator')) {
    forms.push(rewordQuestionForm(ctx), proofStandardForm(ctx), ctx.question.resolution ? reopenForm(ctx) : resolveForm(ctx), appraiseSourceForm(ctx));
  }
  return forms;
}

function preselect(options: readonly Option[], id: string | null): string {
  return id && options.some((o) => o.value === id) ? id : '';
}

/** The body without the members left undefined (JSON.stringify would drop them too; tests compare bodies). */
function compactBody(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

/** The initial values of a form's fields. */
export function initialValues(form: FormDefinition): Values {
  const values: Values = Object.fromEntries(form.fields.map((f) => [f.name, f.initial ?? '']));
  // A preselected field has its consequences too (the wording of a preselected claim).
  return form.derive ? form.fields.reduce((v, f) => (f.initial ? form.derive!(v, f.name, { ...v, [f.name]: '' }) : v), values) : values;
}

/** The values after one field changed, with what follows from it. */
export function changeValue(form: FormDefinition, values: Values, name: string, value: string): Values {
  const next = { ...values, [name]: value };
  return form.derive ? form.derive(next, name, values) : next;
}
