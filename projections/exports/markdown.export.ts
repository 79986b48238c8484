import type { ProvenanceView } from '../projection';
import type { ClaimView, EvidenceView } from '../questions/questions.projection';
import { CREDIBILITY_WORDS, RELIABILITY_WORDS, findingAids, formatMissingSource } from './citation';
import type { ClaimLabelForExport, ExportInput } from './export-input';
import { claimsOf, consensusOf, dateOf, evidenceOf, formatStrength, labelOf, numberItems, oneLine, type ItemNumbers } from './ledger-items';
import { describeDisagreement, resolutionAgreement } from './resolution-agreement';

/** Label groups in reading order: what stands first, what fell last. */
const LABEL_ORDER: (ClaimLabelForExport | null)[] = ['accepted', 'contested', 'open', 'rejected', 'retracted', null];
const LABEL_HEADINGS: Record<ClaimLabelForExport | 'null', string> = {
  accepted: 'Accepted',
  contested: 'Contested',
  open: 'Open',
  rejected: 'Rejected',
  retracted: 'Retracted',
  null: 'Not assessed',
};
const GROUNDED_WORDS = { in: 'in', out: 'out', undec: 'undecided' } as const;

/**
 * A report for a historian, in CommonMark with GFM footnotes: the question, its computed status and
 * the moderator's resolution, the claims grouped by label, the relations, and the evidence, with
 * every source cited in a footnote.
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
    out.push(`### ${LABEL_HEADINGS[label ?? 'null']} (${group.length})`, '');
    for (const claim of group) out.push(...claimLines(input, claim, numbers, notes), '');
  }

  if (q.relations.length > 0) {
    out.push('## Relations', '');
    for (const r of q.relations) {
      out.push(`- **${numbers.claim(r.fromClaimId)}** *${r.relation}* **${numbers.claim(r.toClaimId)}**: ${said(r.provenance, notes)}`);
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
  const lines = [`- **Computed consensus:** ${input.consensus.status}${asOf}`];
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
  const label = labelOf(input, claim) ?? 'not assessed';
  const grounded = consensus?.grounded ? ` · grounded ${GROUNDED_WORDS[consensus.grounded]}` : '';
  const lines = [
    `#### ${numbers.claim(claim.id)} (${claim.kind})`,
    '',
    blockquote(claim.text),
    '',
    `- **Label:** ${label} · strength ${formatStrength(consensus?.strength)}${grounded}`,
    `- **Said by** ${said(claim.provenance, notes)}`,
  ];
  if (consensus?.explanation) lines.push(`- **Why:** ${inline(consensus.explanation)}`);
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
  if (source?.reliability) parts.push(`Source reliability ${source.reliability} (${RELIABILITY_WORDS[source.reliability]}).`);
  if (e.credibility) parts.push(`Information credibility ${e.credibility} (${CREDIBILITY_WORDS[e.credibility]}).`);
  parts.push(`Attached by ${said(e.provenance, notes)}.`);
  if (e.withdrawal) parts.push(`**Withdrawn** by ${said(e.withdrawal.provenance, notes)} (reason: ${inline(e.withdrawal.reason)}).`);
  return parts.join(' ');
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
