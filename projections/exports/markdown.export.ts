import type { ProvenanceView } from '../../contract/event-metadata';
import type { ClaimView, EvidenceView, QuestionView } from '../questions/questions.projection';
import { CREDIBILITY_WORDS, RELIABILITY_WORDS, findingAids, formatMissingSource } from './citation';
import type { ClaimLabelForExport, ExportInput, StancesForExport } from './export-input';
import {
  LABELS_IN_ORDER,
  STATUS_MEANINGS,
  claimsOf,
  consensusOf,
  currentVerification,
  dateOf,
  evidenceOf,
  formatStrength,
  labelOf,
  numberItems,
  oneLine,
  readingWithNumbers,
  shorten,
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
/** Under each group's heading, and in the method note: what its label promises (docs/consensus.md, part 1). */
const GROUP_MEANINGS: Record<ClaimLabelForExport | 'null', string> = {
  corroborated: 'Established: their support rests on evidence somebody has examined, and nothing against them prevails.',
  contested: 'Not settled either way: arguments stand on both sides, a rival explanation is as strong, or grounded support falls short of the proof standard.',
  unverified: 'Not established: something speaks for them and nothing succeeds against them, but nothing in the record confirms them.',
  open: 'Not established: nobody has argued for or against them, and nothing in the record confirms them.',
  refuted: 'Defeated by an attack grounded in examined evidence.',
  retracted: 'Withdrawn by their authors; they count for nothing.',
  null: 'Not in the consensus this report was made with.',
};
/** What each label promises, said of one claim, for the method note. */
const LABEL_PROMISES: Record<ClaimLabelForExport, string> = {
  corroborated:
    'what examined evidence alone carries reaches the proof standard, nothing against the claim prevails, and examined evidence sets it clearly above any rival explanation',
  unverified: 'not established: something speaks for it and nothing succeeds against it, but nothing in the record confirms it (its support is only other claims, or references nobody has examined)',
  contested: 'not settled either way: arguments on both sides with none prevailing, a rival explanation examined evidence does not tell apart from it, grounded support short of the proof standard, or an attack that would refute it were the attack grounded in evidence',
  refuted: 'weak, and what defeats it is itself grounded in examined evidence; a bare assertion never refutes a claim',
  open: 'not established: nobody has argued for or against it, and nothing in the record confirms it',
  retracted: 'withdrawn by its author or a moderator; it counts for nothing',
};
const STATUS_WORDS = { in: 'undefeated', out: 'defeated', undec: 'undecided' } as const;
const PROOF_STANDARD_WORDS = {
  scintilla: 'a scintilla of evidence',
  preponderance: 'the preponderance of evidence',
  'clear-and-convincing': 'clear and convincing evidence',
  'beyond-reasonable-doubt': 'proof beyond reasonable doubt',
} as const;
const SEMANTICS_WORDS = {
  'df-quad': 'DF-QuAD (Rago, Toni, Aurisicchio and Baroni, 2016)',
  'quadratic-energy': 'the quadratic energy model (Potyka, 2018)',
} as const;

/**
 * A report for a historian, in CommonMark with GFM footnotes, written to read the same in cmark-gfm,
 * pandoc (HTML, and PDF through pdflatex) and marked with its footnote extension:
 *
 * - a YAML metadata block (pandoc's `pagetitle`, `title-meta`, `date`, `lang`, `keywords`) for the
 *   document's title and date, with the question as the one level-1 heading, so that no tool shows
 *   the title twice and a tool that ignores the block still shows it;
 * - when and where in the record the report stands (the consensus's moment and axis, the ledger
 *   position, when it was made), the status and the resolution, then a method note: what each label
 *   promises, the semantics, the proof standard and its thresholds, how evidence is weighed;
 * - the claims grouped by label, each with its verbatim passage, label, strength and stances side by
 *   side, and why it stands there with every claim and piece of evidence named C1…, E1…;
 * - one footnote per source, referenced once, at the first mention: pandoc copies a note for every
 *   reference to it, so later mentions say "(n. 3)" instead of referring to the note again;
 * - who recorded what said once, in the method note, and on a line only where it differs;
 * - only ASCII signs of the report's own beyond the quotation marks, dashes, ellipsis and middle
 *   dot that LaTeX's UTF-8 input knows (a minus sign is "-"), and straight quotes in quoted text
 *   escaped, so that pandoc's smart quotes cannot pair them across our own.
 */
export function toMarkdown(input: ExportInput): string {
  const numbers = numberItems(input);
  const recorder = mainRecorder(input.question);
  const notes = new Footnotes(input);
  const people = new People();
  const say = (p: ProvenanceView) => said(p, notes, people, recorder);
  const q = input.question;
  const body: string[] = [];
  const out = body;

  out.push(`# ${inline(q.title)}`, '');
  out.push(`*${reportLine(input)}*`, '');
  out.push(`*Asked by ${say(q.provenance)}.*`, '');
  if (q.tags.length > 0) out.push(`Tags: ${q.tags.map(inline).join(', ')}`, '');
  if (q.body.trim() !== '') out.push(blockquote(q.body), '');

  out.push('## Status', '', ...statusLines(input, numbers, say), '');
  out.push('## How to read this report', '', ...methodNote(input, recorder), '');

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
    for (const claim of group) out.push(...claimLines(input, claim, numbers, say), '');
  }

  if (q.relations.length > 0 || q.evidenceRelations.length > 0) {
    out.push('## Relations', '');
    for (const r of q.relations) {
      const verb = r.relation === 'competes' ? 'competes with' : r.relation;
      out.push(`- **${numbers.claim(r.fromClaimId)}** *${verb}* **${numbers.claim(r.toClaimId)}**: ${say(r.provenance)}`);
    }
    for (const r of q.evidenceRelations) {
      out.push(`- **${numbers.claim(r.fromClaimId)}** *${r.relation}* **${numbers.evidence(r.toEvidenceId)}**: ${say(r.provenance)}`);
    }
    out.push('');
  }

  const evidence = evidenceOf(input);
  if (evidence.length > 0) {
    out.push('## Evidence', '');
    for (const e of evidence) out.push(evidenceLine(input, e, numbers, notes, say, recorder));
    out.push('');
  }

  const footnotes = notes.render();
  if (footnotes.length > 0) out.push(...footnotes, '');
  const text = body.join('\n');
  return [...frontMatter(input, CYRILLIC.test(text)), '', text].join('\n').replace(/\n+$/, '\n');
}

const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * For a report quoting Cyrillic: pdflatex (pandoc's default PDF engine) sets text in T1, which has
 * no Cyrillic letters. With T2A loaded too, each Cyrillic letter is declared to fall back to T2A
 * wherever it appears, so a Russian title inside English text prints as written, with no markup in
 * the text itself. Needs the T2A fonts (Debian: texlive-lang-cyrillic and cm-super).
 */
const CYRILLIC_LETTERS = 'A,B,V,G,D,E,YO,ZH,Z,I,ISHRT,K,L,M,N,O,P,R,S,T,U,F,H,C,CH,SH,SHCH,HRDSN,ERY,SFTSN,EREV,YU,YA,IE,II,YI,GUP,DJE,TSHE,LJE,NJE,DZHE,DZE,KJE';
const CYRILLIC_LATEX = [
  '```{=latex}',
  '\\makeatletter',
  `\\@for\\ledger@letter:=${CYRILLIC_LETTERS}\\do{%`,
  '  \\expandafter\\DeclareTextSymbolDefault\\csname CYR\\ledger@letter\\endcsname{T2A}%',
  '  \\lowercase\\expandafter{\\expandafter\\def\\expandafter\\ledger@lower\\expandafter{\\ledger@letter}}%',
  '  \\expandafter\\DeclareTextSymbolDefault\\csname cyr\\ledger@lower\\endcsname{T2A}}',
  '\\makeatother',
  '```',
];

/**
 * pandoc's metadata: `pagetitle` (HTML's <title>) and `title-meta` (the PDF's title) rather than
 * `title`, which pandoc would also print above the question's heading. Values are Markdown to pandoc,
 * so they are escaped as text is, then written as JSON strings (valid YAML). Closed with "..." (which
 * pandoc accepts): a CommonMark tool that does not read the block shows a rule and a paragraph, where
 * a closing "---" would turn the block into a heading.
 */
function frontMatter(input: ExportInput, cyrillic: boolean): string[] {
  const q = input.question;
  const title = JSON.stringify(inline(q.title));
  const date = reportDate(input);
  return [
    '---',
    `pagetitle: ${title}`,
    `title-meta: ${title}`,
    `subject: ${JSON.stringify('Claims ledger report: the claims, evidence and computed consensus of one question')}`,
    ...(date ? [`date: ${JSON.stringify(date)}`] : []),
    'lang: en',
    ...(q.tags.length > 0 ? [`keywords: [${q.tags.map((t) => JSON.stringify(inline(t))).join(', ')}]`] : []),
    ...(cyrillic ? ['fontenc: T2A,T1', 'header-includes: |', ...CYRILLIC_LATEX.map((line) => `  ${line}`)] : []),
    '...',
  ];
}

/** The report's date: when it was made, else the moment its consensus is of. */
function reportDate(input: ExportInput): string | null {
  const when = input.consensus.madeAt ?? input.consensus.asOf;
  return when ? dateOf(when) : null;
}

/** "Claims ledger report: the consensus as of 2021-02-11 (occurred axis), at ledger position 158; made 2026-11-30 09:14 UTC." */
function reportLine(input: ExportInput): string {
  const c = input.consensus;
  const parts: string[] = [];
  if (c.asOf) parts.push(`the consensus as of ${inline(formatMoment(c.asOf))}${c.axis ? ` (${c.axis === 'occurred' ? 'when things were said' : 'when things were recorded'})` : ''}`);
  else parts.push('the consensus now');
  if (c.position !== undefined) parts.push(`at ledger position ${inline(c.position)}`);
  const made = c.madeAt ? `; made ${inline(formatMoment(c.madeAt))}` : '';
  return `Claims ledger report: ${parts.join(', ')}${made}.`;
}

/** An instant as "2026-11-30 09:14 UTC"; a partial date, or anything else, as given. */
function formatMoment(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!match) return value;
  return `${match[1]} ${match[2]} ${match[3] === 'Z' ? 'UTC' : `UTC${match[3]}`}`;
}

function statusLines(input: ExportInput, numbers: ItemNumbers, say: (p: ProvenanceView) => string): string[] {
  const status = input.consensus.status;
  const standard = input.consensus.proofStandard ?? input.question.proofStandard;
  const lines = [
    `- **Computed consensus:** ${status}. ${STATUS_MEANINGS[status][0]!.toUpperCase()}${STATUS_MEANINGS[status].slice(1)}.`,
    `- **Proof standard:** ${standard} (${PROOF_STANDARD_WORDS[standard]}).`,
  ];
  const resolution = input.question.resolution;
  if (!resolution) {
    lines.push('- **Moderator’s resolution:** none recorded.');
    return lines;
  }
  const accepted = resolution.acceptedClaimIds.map((id) => numbers.claim(id)).join(', ') || 'no claim';
  lines.push(`- **Moderator’s resolution** by ${say(resolution.provenance)}: “${inline(resolution.summary)}” It accepts ${accepted}.`);
  const agreement = resolutionAgreement(input);
  if (agreement.agrees) {
    lines.push('- **Agreement:** the computed consensus agrees with the resolution.');
  } else {
    lines.push('- **Agreement:** the computed consensus does **not** agree with the resolution.');
    for (const d of agreement.disagreements) lines.push(`  - ${inline(describeDisagreement(d, numbers))}`);
  }
  return lines;
}

/**
 * What a reader needs to read the labels right (docs/consensus.md, part 1): what each label promises,
 * how strengths are computed, the proof standard with its thresholds, how evidence counts, what the
 * stances are, how items and sources are named, and who recorded the entries.
 */
function methodNote(input: ExportInput, recorder: Recorder | null): string[] {
  const c = input.consensus;
  const standard = c.proofStandard ?? input.question.proofStandard;
  const semantics = c.semantics ? `computed with ${SEMANTICS_WORDS[c.semantics]}, ` : '';
  const thresholds = c.thresholds
    ? ` A claim is corroborated when its grounded strength reaches ${number(c.thresholds.accept)} and stands at least ${number(c.thresholds.rivalMargin)} above every rival explanation; it is refuted when its strength falls to ${number(c.thresholds.reject)} or below and what defeats it is grounded.`
    : '';
  const lines = [
    'The ledger labels a claim only as far as the record carries it. Being unchallenged is not being established: a claim nobody disputes is still only asserted until somebody examines evidence for it.',
    '',
    ...LABELS_IN_ORDER.map((label) => `- **${label}**: ${LABEL_PROMISES[label]}.`),
    '',
    `**Strength** (0 to 1, every claim starting at 0.5) is how the arguments for and against a claim balance, ${semantics}a gradual semantics for arguments that support and attack one another. **Grounded** means its support bottoms out in evidence somebody has examined, from a source someone has appraised; its grounded strength is what that evidence alone carries, so bare assertions never make a claim corroborated. **Undefeated**, **defeated** and **undecided** are its standing once every attack at least as strong as its support counts as a defeat.`,
    '',
    `**Proof standard:** this question asks for ${PROOF_STANDARD_WORDS[standard]}.${thresholds}`,
    '',
    '**Evidence** is *cited* (a reference nobody has examined: a lead to follow, with no weight for or against), *examined* (somebody read the document at the locator) or *transcribed* (the quote is verbatim from it). Examined evidence weighs by its appraisal: the source’s reliability (A to F) and the information’s credibility (1 to 6).',
    '',
    '**Stances** ("+2 -1": endorsed by two participants, disputed by one) are shown beside every label; they never move a strength.',
    '',
    '**Names:** claims are C1, C2… in the order they were proposed, evidence E1, E2… in the order it was attached, the same in every export of the question. Each source is cited once, in a footnote at its first mention; later mentions give the note’s number ("n. 3").',
  ];
  if (recorder) {
    const when = recorder.first === recorder.last ? `on ${recorder.first}` : `between ${recorder.first} and ${recorder.last}`;
    lines.push(
      '',
      `**Recorded by** ${inline(recorder.name)} ${when}: every entry of this report was entered in the ledger by ${inline(recorder.name)} unless its line names another recorder. Where a line names nobody else, ${inline(recorder.name)} also attached and verified the evidence.`,
    );
  }
  return lines;
}

function claimLines(input: ExportInput, claim: ClaimView, numbers: ItemNumbers, say: (p: ProvenanceView) => string): string[] {
  const consensus = consensusOf(input, claim.id);
  const label = labelOf(input, claim);
  const stances = stancesOf(input, claim);
  const facts = [
    label === 'open' || label === 'unverified' ? `${label} (not established)` : (label ?? 'not assessed'),
    `strength ${formatStrength(consensus?.strength)}`,
    ...(consensus && label !== 'retracted' ? [consensus.grounded ? 'grounded in examined evidence' : 'not grounded in examined evidence'] : []),
    ...(consensus?.status ? [STATUS_WORDS[consensus.status]] : []),
    `stances ${asciiStances(stances)}`,
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
  if (consensus?.reading && !(label === 'retracted' && consensus.label !== 'retracted')) {
    lines.push(`- **Why:** ${inline(readingWithNumbers(input, claim.id, consensus.reading, numbers))}`);
  }
  if (stances.endorse + stances.dispute > 0) lines.push(`- **Stances:** ${describeAsciiStances(stances)}.`);
  if (consensus && consensus.leads > 0) {
    lines.push(`- **Leads:** ${consensus.leads} cited ${consensus.leads === 1 ? 'reference' : 'references'} on it nobody has examined yet.`);
  }
  lines.push(`- **Said by** ${say(claim.provenance)}`);
  claim.versions.forEach((version, i) => {
    if (i === 0) return;
    const before = claim.versions[i - 1]!;
    lines.push(`- **Revised** by ${say(version.provenance)} (reason: ${inline(version.reason ?? 'none given')}). Earlier wording: “${inline(before.text)}”`);
  });
  if (claim.retraction) lines.push(`- **Retracted** by ${say(claim.retraction.provenance)} (reason: ${inline(claim.retraction.reason)}).`);
  return lines;
}

function evidenceLine(
  input: ExportInput,
  e: EvidenceView,
  numbers: ItemNumbers,
  notes: Footnotes,
  say: (p: ProvenanceView) => string,
  recorder: Recorder | null,
): string {
  const title = notes.cite(e.sourceId);
  const what = e.quote ? `“${inline(e.quote)}”, from ${title}` : title;
  const at = e.locator ? `, ${inline(e.locator)}` : '';
  const parts = [`- **${numbers.evidence(e.id)}** ${e.stance} **${numbers.claim(e.claimId)}**: ${what}${at}.`];
  parts.push(verificationSentence(e, say, recorder));
  const source = input.sources.get(e.sourceId);
  if (source?.reliability) parts.push(`Source reliability ${source.reliability} (${RELIABILITY_WORDS[source.reliability]}).`);
  if (e.credibility) parts.push(`Information credibility ${e.credibility} (${CREDIBILITY_WORDS[e.credibility]}).`);
  // Who attached it matters when it is a participant's reference; the recorder's own attachments are said once, in the method note.
  if (!byRecorder(e.provenance, recorder)) parts.push(`Attached by ${say(e.provenance)}.`);
  if (e.withdrawal) parts.push(`**Withdrawn** by ${say(e.withdrawal.provenance)} (reason: ${inline(e.withdrawal.reason)}).`);
  return parts.join(' ');
}

/**
 * "Cited, not yet examined …" for a lead; "Examined when attached."; or, when it was raised later,
 * "Transcribed by Anna Petrova, 2025-03-02 (note: …)." (without the name when the recorder did it).
 */
function verificationSentence(e: EvidenceView, say: (p: ProvenanceView) => string, recorder: Recorder | null): string {
  if (e.verification === 'cited') return '**Cited, not yet examined** by anyone: a lead to follow, with no weight for or against.';
  const word = e.verification === 'transcribed' ? 'Transcribed' : 'Examined';
  const step = currentVerification(e);
  if (!step || e.verifications.length === 1) return `${word} when attached.`;
  const who = byRecorder(step.provenance, recorder) ? '' : ` by ${say(step.provenance)}`;
  return `${word}${who}${step.note ? ` (note: ${inline(step.note)})` : ''}.`;
}

/** The principal who recorded most of the question's entries, and the first and last day they did. */
interface Recorder {
  name: string;
  first: string;
  last: string;
}

function provenancesOf(q: QuestionView): ProvenanceView[] {
  const all: ProvenanceView[] = [q.provenance];
  for (const claim of q.claims.values()) {
    all.push(...claim.versions.map((v) => v.provenance));
    if (claim.retraction) all.push(claim.retraction.provenance);
  }
  all.push(...q.relations.map((r) => r.provenance), ...q.evidenceRelations.map((r) => r.provenance));
  for (const e of q.evidence.values()) {
    all.push(e.provenance, ...e.verifications.map((v) => v.provenance));
    if (e.withdrawal) all.push(e.withdrawal.provenance);
  }
  if (q.resolution) all.push(q.resolution.provenance);
  return all;
}

function mainRecorder(q: QuestionView): Recorder | null {
  const counts = new Map<string, number>();
  const all = provenancesOf(q);
  for (const p of all) counts.set(p.recordedBy.name, (counts.get(p.recordedBy.name) ?? 0) + 1);
  // Most entries first; ties by name, so the same view always gives the same report.
  const [name] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
  if (name === undefined) return null;
  const days = all.filter((p) => p.recordedBy.name === name).map((p) => dateOf(p.recordedAt)).sort();
  return { name, first: days[0]!, last: days[days.length - 1]! };
}

function byRecorder(p: ProvenanceView, recorder: Recorder | null): boolean {
  return recorder !== null && p.attributedTo.name === recorder.name && p.recordedBy.name === recorder.name;
}

/** Each person's affiliation and place are given at their first mention only. */
class People {
  private readonly seen = new Set<string>();

  name(person: ProvenanceView['attributedTo']): string {
    const where = [person.affiliation, person.location].filter((x): x is string => !!x);
    const first = !this.seen.has(person.name);
    this.seen.add(person.name);
    return inline(person.name) + (first && where.length ? ` (${where.map(inline).join(', ')})` : '');
  }
}

/**
 * "Paul Preston (London School of Economics, UK), 2021-02-10, in “post”[^2]", with the recorder
 * only where it is neither the author nor the report's main recorder.
 */
function said(p: ProvenanceView, notes: Footnotes, people: People, recorder: Recorder | null): string {
  let text = `${people.name(p.attributedTo)}, ${inline(dateOf(p.occurredAt))}`;
  if (p.saidIn) text += `, in ${notes.cite(p.saidIn)}`;
  if (p.recordedBy.name !== p.attributedTo.name && p.recordedBy.name !== recorder?.name) text += `; recorded by ${inline(p.recordedBy.name)}, ${dateOf(p.recordedAt)}`;
  return text;
}

/**
 * One footnote per source, numbered in order of first mention and referenced there only: pandoc
 * makes a new note of every reference to a note, so a source cited twice would be printed twice.
 * Later mentions carry the note's number in words, "(n. 3)".
 */
class Footnotes {
  private readonly numbers = new Map<string, number>();
  constructor(private readonly input: ExportInput) {}

  /** “Title”[^n] at the first mention, “Shortened title” (n. n) after it. */
  cite(sourceId: string): string {
    const source = this.input.sources.get(sourceId);
    const known = this.numbers.get(sourceId);
    if (known !== undefined) return `${source ? `“${inline(shorten(source.title, 60))}”` : inline(sourceId)} (n. ${known})`;
    const n = this.numbers.size + 1;
    this.numbers.set(sourceId, n);
    return `${source ? `“${inline(source.title)}”` : inline(sourceId)}[^${n}]`;
  }

  render(): string[] {
    return [...this.numbers].map(([id, n]) => `[^${n}]: ${this.citation(id)}`);
  }

  private citation(sourceId: string): string {
    const source = this.input.sources.get(sourceId);
    if (!source) return inline(formatMissingSource(sourceId));
    // The date as given (a year, a month or a day); none when the source has none, its years then in the finding aid.
    const head = [source.authors.map(inline).join(', '), `“${inline(source.title)}”`, source.issued ? inline(source.issued) : ''];
    const aids = findingAids(source).map((aid) => (/^https?:\/\/[^\s<>]+$/.test(aid) ? `<${aid}>` : inline(aid)));
    return [...head.filter((p) => p !== ''), ...aids].join(', ') + '.';
  }
}

/** "+2 -1": the stances with an ASCII minus, which every LaTeX font has. */
function asciiStances(s: Pick<StancesForExport, 'endorse' | 'dispute'>): string {
  return `+${s.endorse} -${s.dispute}`;
}

function describeAsciiStances(s: StancesForExport): string {
  const agreement = s.agreement === null ? '' : ` (confidence-weighted agreement ${signedAscii(s.agreement)})`;
  return `endorsed by ${s.endorse}, disputed by ${s.dispute}${agreement}`;
}

/** "+0.25", "-0.10", "0.00". */
function signedAscii(value: number): string {
  const fixed = Math.abs(value).toFixed(2);
  if (Number(fixed) === 0) return '0.00';
  return `${value > 0 ? '+' : '-'}${fixed}`;
}

/** A threshold as written in the settings, without float noise: 0.6, 0.05. */
function number(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/**
 * Text on one line with every character escaped that CommonMark, GFM or pandoc could read as markup.
 * A straight double quote is escaped too: pandoc's smart quotes would otherwise pair it with the
 * next one across our own “…”, and garble a quotation inside a quotation.
 */
function inline(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>|~&"$^@]/g, '\\$&')
    .replace(/^([#+=:%-]|\d+(?=[.)]))/, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
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
