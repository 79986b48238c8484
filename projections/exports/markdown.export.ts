import type { ProvenanceView } from '../projection';
import type { ClaimView, EvidenceView } from '../questions/questions.projection';
import { CREDIBILITY_WORDS, RELIABILITY_WORDS, findingAids, formatMissingSource } from './citation';
import type { ClaimLabelForExport, ExportInput } from './export-input';
import {
  LABELS_IN_ORDER,
  STATUS_MEANINGS,
  claimsOf,
  consensusOf,
  currentVerification,
  dateOf,
  describeStances,
  evidenceOf,
  formatStances,
  formatStrength,
  labelOf,
  numberItems,
  oneLine,
  stancesOf,
  type ItemNumbers,
} from './ledger-items';
import { describeDisagreement, resolutionAgreement } from './resolution-agreement';

/** Label groups in reading order: what stands first, what fell last. */
const LABEL_ORDER: (ClaimLabelForExport | null)[] = [...LABELS_IN_ORDER, null];
const LABEL_HEADINGS: Record<ClaimLabelForExport | 'null', string> = {
  corroborated: 'Corroborated',
  contested: 'Contested',
  unverified: 'Unverified',
  open: 'Open',
  refuted: 'Refuted',
  retracted: 'Retracted',
  null: 'Not assessed',
};
/** Under each group's heading: what its label promises, said of the claims in the group. */
const GROUP_MEANINGS: Record<ClaimLabelForExport | 'null', string> = {
  corroborated: 'Established: their support rests on evidence somebody has examined, and nothing against them prevails.',
  contested: 'Not settled either way: arguments stand on both sides, a rival explanation is as strong, or grounded support falls short of the proof standard.',
  unverified: 'Not established: something speaks for them and nothing succeeds against them, but nothing in the record confirms them.',
  open: 'Not established: nobody has argued for or against them, and nothing in the record confirms them.',
  refuted: 'Defeated by an attack grounded in examined evidence.',
  retracted: 'Withdrawn by their authors; they count for nothing.',
  null: 'Not in the consensus this report was made with.',
};
const STATUS_WORDS = { in: 'undefeated', out: 'defeated', undec: 'undecided' } as const;
const PROOF_STANDARD_WORDS = {
  scintilla: 'a scintilla of evidence',
  preponderance: 'the preponderance of evidence',
  'clear-and-convincing': 'clear and convincing evidence',
  'beyond-reasonable-doubt': 'proof beyond reasonable doubt',
} as const;

/**
 * A report for a historian, in CommonMark with GFM footnotes: the question, its computed status
 * under its proof standard and the moderator's resolution, the claims grouped by label (each group
 * saying what its label promises, each claim's paraphrase with the verbatim passage it paraphrases,
 * its reading and its stances beside the label),
 * the relations, and the evidence with its verification, every source cited in a footnote.
 */
export function toMarkdown(input: ExportInput): string {
  const numbers = numberItems(input);
  const notes = new Footnotes(input);
  const q = input.question;
  const out: string[] = [];

  out.push(`# ${inline(q.title)}`, '');
  out.push(`*Asked by ${said(q.provenance, notes)}.*`, '');
  if (q.tags.length > 0) out.push(`Tags: ${q.tags.map(inline).join(', ')}`, '');
  if (q.body.trim() !== '') out.push(blockquote(q.body), '');

  out.push('## Status', '', ...statusLines(input, numbers, notes), '');

  if (input.subQuestions.length > 0) {
    out.push('## Sub-questions', '');
    for (const sub of input.subQuestions) out.push(`- ${inline(sub.title)} (${sub.status})`);
    out.push('');
  }

  out.push('## Claims', '');
  const claims = claimsOf(input);
  if (claims.length === 0) out.push('No claim has been made yet.', '');
  for (const label of LABEL_ORDER) {
    const group = claims.filter((c) => labelOf(input, c) === label);
    if (group.length === 0) continue;
    out.push(`### ${LABEL_HEADINGS[label ?? 'null']} (${group.length})`, '', `*${GROUP_MEANINGS[label ?? 'null']}*`, '');
    for (const claim of group) out.push(...claimLines(input, claim, numbers, notes), '');
  }

  if (q.relations.length > 0 || q.evidenceRelations.length > 0) {
    out.push('## Relations', '');
    for (const r of q.relations) {
      const verb = r.relation === 'competes' ? 'competes with' : r.relation;
      out.push(`- **${numbers.claim(r.fromClaimId)}** *${verb}* **${numbers.claim(r.toClaimId)}**: ${said(r.provenance, notes)}`);
    }
    for (const r of q.evidenceRelations) {
      out.push(`- **${numbers.claim(r.fromClaimId)}** *${r.relation}* **${numbers.evidence(r.toEvidenceId)}**: ${said(r.provenance, notes)}`);
    }
    out.push('');
  }

  const evidence = evidenceOf(input);
  if (evidence.length > 0) {
    out.push('## Evidence', '');
    for (const e of evidence) out.push(evidenceLine(input, e, numbers, notes));
    out.push('');
  }

  const footnotes = notes.render();
  if (footnotes.length > 0) out.push(...footnotes, '');
  return out.join('\n').replace(/\n+$/, '\n');
}

function statusLines(input: ExportInput, numbers: ItemNumbers, notes: Footnotes): string[] {
  const asOf = input.consensus.asOf ? ` (as of ${inline(input.consensus.asOf)})` : '';
  const status = input.consensus.status;
  const standard = input.consensus.proofStandard ?? input.question.proofStandard;
  const lines = [
    `- **Computed consensus:** ${status}${asOf}. ${STATUS_MEANINGS[status][0]!.toUpperCase()}${STATUS_MEANINGS[status].slice(1)}.`,
    `- **Proof standard:** ${standard} (${PROOF_STANDARD_WORDS[standard]}).`,
  ];
  const resolution = input.question.resolution;
  if (!resolution) {
    lines.push('- **Moderator’s resolution:** none recorded');
    return lines;
  }
  const accepted = resolution.acceptedClaimIds.map((id) => numbers.claim(id)).join(', ') || 'no claim';
  lines.push(`- **Moderator’s resolution** by ${said(resolution.provenance, notes)}: “${inline(resolution.summary)}” It accepts ${accepted}.`);
  const agreement = resolutionAgreement(input);
  if (agreement.agrees) {
    lines.push('- **Agreement:** the computed consensus agrees with the resolution.');
  } else {
    lines.push('- **Agreement:** the computed consensus does **not** agree with the resolution.');
    for (const d of agreement.disagreements) lines.push(`  - ${inline(describeDisagreement(d, numbers))}`);
  }
  return lines;
}

function claimLines(input: ExportInput, claim: ClaimView, numbers: ItemNumbers, notes: Footnotes): string[] {
  const consensus = consensusOf(input, claim.id);
  const label = labelOf(input, claim);
  const stances = stancesOf(input, claim);
  const facts = [
    label === 'open' || label === 'unverified' ? `${label} (not established)` : (label ?? 'not assessed'),
    `strength ${formatStrength(consensus?.strength)}`,
    ...(consensus && label !== 'retracted' ? [consensus.grounded ? 'grounded in examined evidence' : 'not grounded in examined evidence'] : []),
    ...(consensus?.status ? [STATUS_WORDS[consensus.status]] : []),
    `stances ${formatStances(stances)}`,
  ];
  const lines = [
    `#### ${numbers.claim(claim.id)} (${claim.kind})`,
    '',
    blockquote(claim.text),
    '',
    // The original beside the paraphrase, so a reader sees what is editorial (a condition, a hedge, a [sic]).
    ...(claim.passage !== null ? [`- **Verbatim passage:** “${inline(claim.passage)}”`] : []),
    `- **Label:** ${facts.join(' · ')}`,
  ];
  // The reading is of the consensus passed in: for a claim retracted since, it would say it stood.
  if (consensus?.reading && !(label === 'retracted' && consensus.label !== 'retracted')) lines.push(`- **Reading:** ${inline(consensus.reading)}`);
  lines.push(`- **Stances:** ${describeStances(stances)}; stances never move the strength.`);
  if (consensus && consensus.leads > 0) {
    lines.push(`- **Leads:** ${consensus.leads} cited ${consensus.leads === 1 ? 'reference' : 'references'} on it nobody has examined yet.`);
  }
  lines.push(`- **Said by** ${said(claim.provenance, notes)}`);
  claim.versions.forEach((version, i) => {
    if (i === 0) return;
    const before = claim.versions[i - 1]!;
    lines.push(`- **Revised** by ${said(version.provenance, notes)} (reason: ${inline(version.reason ?? 'none given')}). Earlier wording: “${inline(before.text)}”`);
  });
  if (claim.retraction) lines.push(`- **Retracted** by ${said(claim.retraction.provenance, notes)} (reason: ${inline(claim.retraction.reason)}).`);
  return lines;
}

function evidenceLine(input: ExportInput, e: EvidenceView, numbers: ItemNumbers, notes: Footnotes): string {
  const source = input.sources.get(e.sourceId);
  const title = source ? `“${inline(source.title)}”` : inline(e.sourceId);
  const what = e.quote ? `“${inline(e.quote)}”, from ${title}` : title;
  const at = e.locator ? `, ${inline(e.locator)}` : '';
  const parts = [`- **${numbers.evidence(e.id)}** ${e.stance} **${numbers.claim(e.claimId)}**: ${what}${at}${notes.ref(e.sourceId)}.`];
  parts.push(verificationSentence(e, notes));
  if (source?.reliability) parts.push(`Source reliability ${source.reliability} (${RELIABILITY_WORDS[source.reliability]}).`);
  if (e.credibility) parts.push(`Information credibility ${e.credibility} (${CREDIBILITY_WORDS[e.credibility]}).`);
  parts.push(`Attached by ${said(e.provenance, notes)}.`);
  if (e.withdrawal) parts.push(`**Withdrawn** by ${said(e.withdrawal.provenance, notes)} (reason: ${inline(e.withdrawal.reason)}).`);
  return parts.join(' ');
}

/**
 * "Cited, not yet examined …" for a lead; "Examined when attached."; or, when it was raised later,
 * "Transcribed by Anna Petrova, 2025-03-02 (note: …)."
 */
function verificationSentence(e: EvidenceView, notes: Footnotes): string {
  if (e.verification === 'cited') return '**Cited, not yet examined** by anyone: a lead to follow, with no weight for or against.';
  const word = e.verification === 'transcribed' ? 'Transcribed' : 'Examined';
  const step = currentVerification(e);
  if (!step || e.verifications.length === 1) return `${word} when attached.`;
  return `${word} by ${said(step.provenance, notes)}${step.note ? ` (note: ${inline(step.note)})` : ''}.`;
}

/** "Paul Preston (London School of Economics, UK), 2021-02-10, in “post”[^2]", plus the recorder if another. */
function said(p: ProvenanceView, notes: Footnotes): string {
  const where = [p.attributedTo.affiliation, p.attributedTo.location].filter((x): x is string => !!x);
  let text = inline(p.attributedTo.name) + (where.length ? ` (${where.map(inline).join(', ')})` : '') + `, ${dateOf(p.occurredAt)}`;
  if (p.saidIn) text += `, in ${notes.title(p.saidIn)}${notes.ref(p.saidIn)}`;
  if (p.recordedBy.name !== p.attributedTo.name) text += `; recorded by ${inline(p.recordedBy.name)}, ${dateOf(p.recordedAt)}`;
  return text;
}

/** Footnotes numbered in order of first reference; a source cited twice keeps its number. */
class Footnotes {
  private readonly numbers = new Map<string, number>();
  constructor(private readonly input: ExportInput) {}

  ref(sourceId: string): string {
    let n = this.numbers.get(sourceId);
    if (n === undefined) this.numbers.set(sourceId, (n = this.numbers.size + 1));
    return `[^${n}]`;
  }

  title(sourceId: string): string {
    const source = this.input.sources.get(sourceId);
    return source ? `“${inline(source.title)}”` : inline(sourceId);
  }

  render(): string[] {
    return [...this.numbers].map(([id, n]) => `[^${n}]: ${this.citation(id)}`);
  }

  private citation(sourceId: string): string {
    const source = this.input.sources.get(sourceId);
    if (!source) return inline(formatMissingSource(sourceId));
    const head = [source.authors.map(inline).join(', '), `“${inline(source.title)}”`, source.issued ? inline(source.issued) : 'n.d.'];
    const aids = findingAids(source).map((aid) => (/^https?:\/\/[^\s<>]+$/.test(aid) ? `<${aid}>` : inline(aid)));
    return [...head.filter((p) => p !== ''), ...aids].join(', ') + '.';
  }
}

/** Text on one line with every character escaped that CommonMark or GFM could read as markup. */
function inline(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>|~&]/g, '\\$&')
    .replace(/^([#+=-]|\d+(?=[.)]))/, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/** A block quote, one paragraph per blank-line-separated paragraph of the text. */
function blockquote(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `> ${inline(p)}`)
    .join('\n>\n');
}
