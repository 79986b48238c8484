import type { ClaimView } from '../questions/questions.projection';
import { findingAids } from './citation';
import type { ExportInput } from './export-input';
import { EVIDENCE_COLOURS, GREY, LABEL_COLOURS, OKABE_ITO, RELATION_COLOURS } from './argument-graph';
import type { ClaimLabelForExport } from './export-input';
import {
  LABELS_IN_ORDER,
  claimsOf,
  consensusOf,
  dateOf,
  evidenceOf,
  formatStances,
  isLead,
  labelOf,
  notEstablishedNote,
  numberItems,
  oneLine,
  readingWithNumbers,
  roundStrength,
  stancesOf,
  type ItemNumbers,
} from './ledger-items';

/**
 * Argdown (https://argdown.org/syntax/) of one question: front matter with the question, then one
 * statement per claim and per piece of evidence, each with its label as a #tag and the rest in a
 * metadata block, and under each claim what bears on it, in Argdown's relation syntax seen from the
 * claim: `+ [A]` (A supports it), `- [A]` (A rebuts it, or evidence A undermines it), `_ [A]`
 * (A undercuts it).
 *
 * Argdown means an undercut to attack an argument's inference, and its parser accepts one between
 * statements too, as a relation of type "undercut"; the ledger has no reconstructed arguments to
 * aim at, so the undercut is written between the two statements. A claim bearing on a piece of
 * evidence is written the same way under the evidence's statement. `competes` (rival explanations)
 * has no Argdown relation that does not also mean an attack, so rivals are named in the metadata
 * (`competesWith`) instead.
 *
 * Each claim's metadata carries its label with the stances beside it, its strength, whether it is
 * grounded in examined evidence, its dialectical status and the reading; an `open` or `unverified`
 * claim also says it is not established. Evidence is tagged #examined, #transcribed or #cited (and
 * #lead: nobody has examined it, it has no weight).
 *
 * Titles are "C1: " or "E1: " and the first words of the text, whole, so a map stays readable and
 * the number never runs into the words; texts are escaped so that nothing in them is read as a tag,
 * link, mention, comment or emphasis. Strengths are rounded to two places.
 *
 * The front matter carries the settings Argdown's map reads: a colour per label tag in the
 * Okabe–Ito palette the diagrams use (refuted vermillion, never Argdown's default green; evidence
 * grey, a lead white), relation colours (support blue, attack vermillion, undercut orange), and a
 * statement selection that puts every statement on the map, also one nothing relates to yet.
 */
export function toArgdown(input: ExportInput): string {
  const numbers = numberItems(input);
  const q = input.question;
  const titles = new Map<string, string>();
  for (const claim of claimsOf(input)) titles.set(`claim:${claim.id}`, title(numbers.claim(claim.id), claim.text));
  // Evidence is titled by its quote or its source: its claim's number keeps two quotes of one source apart.
  for (const e of evidenceOf(input)) titles.set(`evidence:${e.id}`, title(numbers.evidence(e.id), e.quote ?? input.sources.get(e.sourceId)?.title ?? ''));
  const ref = (key: string, fallback: string) => titles.get(key) ?? title(fallback, '');
  const sign = (relation: string) => (relation === 'supports' ? '+' : relation === 'rebuts' ? '-' : '_');

  const front: Record<string, string> = {
    title: oneLine(q.title),
    question: q.id,
    body: oneLine(q.body),
    consensus: input.consensus.status,
    proofStandard: input.consensus.proofStandard ?? q.proofStandard,
    ...(input.consensus.asOf ? { asOf: input.consensus.asOf } : {}),
    ...(input.consensus.position !== undefined ? { position: input.consensus.position } : {}),
  };
  const out = [
    '===',
    ...Object.entries(front).map(([k, v]) => `${k}: ${yamlString(v)}`),
    ...Object.entries(MAP_SETTINGS).map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
    '===',
    '',
    `# ${text(q.title)}`,
    '',
  ];

  for (const claim of claimsOf(input)) {
    out.push(...claimStatement(input, claim, ref(`claim:${claim.id}`, claim.id), numbers));
    for (const r of q.relations.filter((r) => r.toClaimId === claim.id)) {
      if (r.relation === 'competes') continue;
      out.push(`  ${sign(r.relation)} [${ref(`claim:${r.fromClaimId}`, r.fromClaimId)}]`);
    }
    for (const e of evidenceOf(input).filter((e) => e.claimId === claim.id && e.status === 'attached')) {
      out.push(`  ${e.stance === 'supports' ? '+' : '-'} [${ref(`evidence:${e.id}`, e.id)}]`);
    }
    out.push('');
  }
  for (const e of evidenceOf(input)) {
    const source = input.sources.get(e.sourceId);
    const what = e.quote ?? source?.title ?? e.sourceId;
    const data: Record<string, unknown> = {
      id: e.id,
      number: numbers.evidence(e.id),
      stance: e.stance,
      claim: numbers.claim(e.claimId),
      source: source ? [source.authors.join(', '), source.title, source.issued ?? 'n.d.', ...findingAids(source)].filter((p) => p !== '').join(', ') : e.sourceId,
      ...(e.locator ? { locator: e.locator } : {}),
      ...(e.credibility ? { credibility: e.credibility } : {}),
      ...(source?.reliability ? { reliability: source.reliability } : {}),
      verification: e.verification,
      ...(isLead(e) ? { lead: 'cited, not yet examined by anyone: no weight for or against' } : {}),
      status: e.status,
    };
    const tags = ['evidence', e.verification, ...(isLead(e) ? ['lead'] : []), ...(e.status === 'withdrawn' ? ['withdrawn'] : [])];
    out.push(`[${ref(`evidence:${e.id}`, e.id)}]: ${text(what)} ${tags.map((t) => `#${t}`).join(' ')}`, `  ${dataBlock(data)}`);
    for (const r of q.evidenceRelations.filter((r) => r.toEvidenceId === e.id)) out.push(`  ${sign(r.relation)} [${ref(`claim:${r.fromClaimId}`, r.fromClaimId)}]`);
    out.push('');
  }
  // Relations to evidence the view does not hold, under a statement of their own.
  for (const r of q.evidenceRelations.filter((r) => !q.evidence.has(r.toEvidenceId))) {
    out.push(`[${ref(`evidence:${r.toEvidenceId}`, r.toEvidenceId)}]: ${text(`Evidence ${r.toEvidenceId} (not in this export)`)} #evidence`, `  ${sign(r.relation)} [${ref(`claim:${r.fromClaimId}`, r.fromClaimId)}]`, '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

function claimStatement(input: ExportInput, claim: ClaimView, statementTitle: string, numbers: ItemNumbers): string[] {
  const consensus = consensusOf(input, claim.id);
  const label = labelOf(input, claim);
  const p = claim.provenance;
  const note = claim.status === 'retracted' ? null : notEstablishedNote(label);
  const rivals = input.question.relations
    .filter((r) => r.relation === 'competes' && (r.fromClaimId === claim.id || r.toClaimId === claim.id))
    .map((r) => numbers.claim(r.fromClaimId === claim.id ? r.toClaimId : r.fromClaimId));
  const data: Record<string, unknown> = {
    id: claim.id,
    number: numbers.claim(claim.id),
    kind: claim.kind,
    label: label ?? 'not assessed',
    ...(note ? { established: false, note } : {}),
    stances: formatStances(stancesOf(input, claim)),
    strength: roundStrength(consensus?.strength),
    grounded: consensus?.grounded ?? null,
    status: consensus?.status ?? null,
    ...(consensus && consensus.leads > 0 ? { leads: consensus.leads } : {}),
    ...(rivals.length > 0 ? { competesWith: rivals } : {}),
    saidBy: p.attributedTo.name,
    saidOn: dateOf(p.occurredAt),
    ...(consensus?.reading && !(label === 'retracted' && consensus.label !== 'retracted') ? { reading: readingWithNumbers(input, claim.id, consensus.reading, numbers) } : {}),
    ...(claim.versions.length > 1 ? { earlierWordings: claim.versions.slice(0, -1).map((v) => oneLine(v.text)) } : {}),
    ...(claim.retraction ? { retracted: `${dateOf(claim.retraction.provenance.occurredAt)}: ${oneLine(claim.retraction.reason)}` } : {}),
  };
  const tag = label ? ` #${label}` : '';
  return [`[${statementTitle}]: ${text(claim.text)}${tag}`, `  ${dataBlock(data)}`];
}

const TITLE_WORDS = 8;

/**
 * "C3: The allowance may have been a budgetary device…": the item's number, a colon, and the first
 * words of its text, whole (an apostrophe or a hyphen stays inside its word). Argdown reads a title
 * up to the first "]", and a reference starting with "-" as something else, so brackets are dropped;
 * the number first means no title starts with "-".
 */
function title(number: string, body: string): string {
  const words = oneLine(body.replace(/[[\]]/g, ' ')).split(' ').filter((w) => w !== '');
  const shown = words.slice(0, TITLE_WORDS).join(' ');
  const cut = words.length > TITLE_WORDS ? `${shown.replace(/[\s,;:.]+$/, '')}…` : shown;
  const id = number.replace(/[[\]]/g, '');
  return cut === '' ? id : `${id}: ${cut}`;
}

/** Colour per tag, in the diagrams' Okabe–Ito palette; a higher priority wins on a statement with several tags. */
const TAG_COLOURS: Record<string, { color: string; priority: number }> = {
  ...Object.fromEntries(
    LABELS_IN_ORDER.map((label: ClaimLabelForExport) => [label, { color: label === 'retracted' ? GREY.light : LABEL_COLOURS[label].fill, priority: 10 }]),
  ),
  evidence: { color: EVIDENCE_COLOURS.fill, priority: 1 },
  examined: { color: EVIDENCE_COLOURS.fill, priority: 2 },
  transcribed: { color: EVIDENCE_COLOURS.fill, priority: 2 },
  cited: { color: EVIDENCE_COLOURS.leadFill, priority: 3 },
  lead: { color: EVIDENCE_COLOURS.leadFill, priority: 4 },
  withdrawn: { color: EVIDENCE_COLOURS.leadFill, priority: 5 },
};

/**
 * Settings Argdown reads from the front matter (merged into the request): colours by tag and
 * relation (Argdown's own palette would paint a #refuted statement green), and every statement on
 * the map, not only those with a relation.
 */
const MAP_SETTINGS = {
  color: {
    colorizeByTag: true,
    tagColors: TAG_COLOURS,
    relationColors: { support: RELATION_COLOURS.supports, attack: RELATION_COLOURS.rebuts, undercut: OKABE_ITO.orange, contrary: RELATION_COLOURS.rebuts, contradictory: RELATION_COLOURS.rebuts, entails: RELATION_COLOURS.supports },
  },
  selection: { statementSelectionMode: 'all', excludeDisconnected: false },
  map: { statementLabelMode: 'title' },
};

/**
 * Statement text on one line. A backslash escapes the next character in Argdown, and the parser
 * drops it from the text; every character that could start a token (tag, link, reference, mention,
 * comment, emphasis, data) is escaped, and a "." or ":" only where it touches the next character,
 * as a special character (".x." or ":x:") needs.
 */
export function text(value: string): string {
  return oneLine(value)
    .replace(/[\\@#*_[\]<>/{}=+]/g, '\\$&')
    .replace(/[.:](?=\S)/g, '\\$&');
}

/**
 * A metadata block: a YAML flow mapping written as JSON (every JSON document is YAML), with the
 * braces and equals signs inside strings written as \u escapes so that no "}" or "===" in a text
 * can end the block or the front matter early.
 */
function dataBlock(data: Record<string, unknown>): string {
  return braceSafe(JSON.stringify(data));
}

function yamlString(value: string): string {
  return braceSafe(JSON.stringify(value));
}

function braceSafe(json: string): string {
  // Only the braces and equals signs inside strings: JSON.stringify writes them nowhere else but as
  // the object's own delimiters, which are the first and last characters.
  if (json.startsWith('{') && json.endsWith('}')) return `{${escapeInStrings(json.slice(1, -1))}}`;
  return escapeInStrings(json);
}

function escapeInStrings(json: string): string {
  return json.replace(/[{}=]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
