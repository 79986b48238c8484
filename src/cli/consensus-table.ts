import type { ClaimConsensus, ClaimExplanation, QuestionConsensus } from '../../projections/consensus';
import { describeStances, formatStances, signed } from '../../projections/exports/ledger-items';
import { textTable, type Cell } from './text-table';

const short = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);
/**
 * The text on one line (each run of white space one space), cut to the room with "…". Only as much
 * of it as can show is flattened: a thousand readings of a few hundred characters each cost more
 * to flatten whole than the table takes to draw. Flattening only shortens, so a start of twice the
 * room that still overflows it gives the same cut as the whole text.
 */
export function oneLineCut(text: string, room: number): string {
  const start = text.length > 2 * room ? text.slice(0, 2 * room) : text;
  const flat = start.replace(/\s+/g, ' ');
  return flat.length > room || start === text ? short(flat, room) : short(text.replace(/\s+/g, ' '), room);
}
const strengthOf = (s: number | null) => (s === null ? '–' : s.toFixed(2));
const groundedOf = (claim: ClaimConsensus) => (claim.label === 'retracted' ? '–' : claim.grounded ? 'yes' : 'no');
/** How far examined evidence alone carries the claim, for grounded claims ("–" otherwise). */
const byEvidenceOf = (claim: ClaimConsensus) => (claim.grounded && claim.groundedStrength !== null ? claim.groundedStrength.toFixed(2) : '–');
/** The table's grounded column: "no", or "yes" with how far examined evidence alone carries the claim. */
const groundedCell = (claim: ClaimConsensus) => (claim.grounded && claim.groundedStrength !== null ? `yes ${claim.groundedStrength.toFixed(2)}` : groundedOf(claim));
const NOT_ESTABLISHED = 'open and unverified mean not established: nothing in the record confirms the claim.';

function statusLine(consensus: QuestionConsensus): string {
  return `status: ${consensus.status} · proof standard: ${consensus.proofStandard}${consensus.converged ? '' : ' (a cycle did not converge)'}`;
}

const notEstablished = (consensus: QuestionConsensus) => consensus.claims.some((c) => c.label === 'open' || c.label === 'unverified');

/**
 * How many characters of the claims' ids to show: 8, or more where two claims of the question share
 * their first 8, so that every id shown can be given back to `--claim`.
 */
export function idPrefixLength(ids: readonly string[]): number {
  for (let length = 8; length < 36; length++) {
    if (new Set(ids.map((id) => id.slice(0, length))).size === ids.length) return length;
  }
  return 36;
}

export interface ConsensusTableOptions {
  /** Every claim's whole text and reading, wrapped, instead of one line each cut with "…". */
  wide?: boolean;
  /** The width to lay the table out in (the terminal's, or 120 in a pipe: see outputWidth). */
  width?: number;
}

/**
 * The consensus as a plain-text table for a terminal (cli-table3): for each claim the start of its
 * id, label, strength, whether it is grounded in examined evidence ("yes 0.52": how far that evidence
 * alone carries it), the stances beside the label ("+2 −1": endorse, dispute), kind and text; under it, the
 * why: the reading the engine gives of the label. One line each, cut to the width; `wide` wraps them whole.
 */
export function consensusTable(consensus: QuestionConsensus, heading: string, options: ConsensusTableOptions = {}): string {
  const width = Math.max(60, options.width ?? 120);
  const idLength = idPrefixLength(consensus.claims.map((c) => c.id));
  const head = ['id', 'label', 'strength', 'grounded', 'stances', 'kind', 'claim'];
  const fixed = [idLength, 12, 8, 8, 7, 10];
  const claimWidth = Math.max(20, width - fixed.reduce((a, b) => a + b, 0) - 2 * fixed.length);
  const whyWidth = fixed.slice(1).reduce((a, b) => a + b, 0) + 2 * (fixed.length - 1) + claimWidth;
  const oneLine = (text: string, room: number) => (options.wide ? text : oneLineCut(text, room));
  const rows: Cell[][] = [];
  for (const claim of consensus.claims) {
    rows.push([
      claim.id.slice(0, idLength),
      claim.label,
      strengthOf(claim.strength),
      groundedCell(claim),
      formatStances(claim.stances),
      claim.kind,
      oneLine(claim.text, claimWidth),
    ]);
    rows.push(['', { content: oneLine(`why: ${claim.reading}`, whyWidth), colSpan: head.length - 1 }]);
  }
  const lines = [heading, statusLine(consensus), ''];
  if (consensus.claims.length === 0) lines.push('No claims yet.');
  else {
    lines.push(
      textTable(
        { head, widths: [...fixed, claimWidth], align: ['left', 'left', 'right', 'left', 'left', 'left', 'left'], wrap: options.wide === true },
        rows,
      ),
    );
  }
  if (notEstablished(consensus)) lines.push('', NOT_ESTABLISHED);
  lines.push('', `Give an id to --claim for why a claim stands where it does${options.wide ? '' : '; --wide shows whole texts'}.`);
  return lines.join('\n');
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The consensus as a Markdown table, with the stances beside each label and each claim's reading. */
export function consensusMarkdown(consensus: QuestionConsensus, heading: string): string {
  const lines = [
    `## ${escapeCell(heading)}`,
    '',
    `Status: **${consensus.status}** · proof standard: ${consensus.proofStandard}`,
    '',
    '| label | strength | grounded | stances | kind | claim | reading |',
    '|---|---:|---|---|---|---|---|',
  ];
  for (const claim of consensus.claims) {
    lines.push(
      `| ${claim.label} | ${strengthOf(claim.strength)} | ${groundedOf(claim)} | ${formatStances(claim.stances)} | ${claim.kind} | ${escapeCell(claim.text)} | ${escapeCell(claim.reading)} |`,
    );
  }
  if (notEstablished(consensus)) lines.push('', `*${NOT_ESTABLISHED[0]!.toUpperCase()}${NOT_ESTABLISHED.slice(1)}*`);
  return lines.join('\n');
}

const ROLE_WORDS = { support: 'supports', attack: 'attacks', undercut: 'undercuts' } as const;

/** The parts of an explanation, in words, shared by the text and the Markdown. */
function explanationParts(e: ClaimExplanation, claim: ClaimConsensus) {
  const notEstablishedLabel = e.label === 'open' || e.label === 'unverified' ? ' (not established: nothing in the record confirms it)' : '';
  const facts = [
    `label: ${e.label}${notEstablishedLabel} · stances ${formatStances(e.stances)}`,
    `strength: ${e.strength === null ? '–' : e.strength.toFixed(2)}${e.base === null ? '' : ` (base ${e.base.toFixed(2)})`}`,
    `grounded: ${groundedOf(claim)}${claim.label === 'retracted' ? '' : claim.grounded ? ` (its support rests on examined evidence, which alone carries it to ${byEvidenceOf(claim)})` : ' (nothing examined supports it)'}`,
  ];
  let contributionsHeading: string | null = null;
  const contributions: string[] = [];
  if (e.strength !== null && e.base !== null) {
    const how = e.method === 'exact' ? 'Shapley values' : `Shapley values sampled over ${e.samples} orders, each within ±${e.bound!.toFixed(3)} (95 %)`;
    contributionsHeading = `contributions (${how}; they add up to strength − base = ${signed(e.strength - e.base)})`;
    if (e.contributions.length === 0) contributions.push('none: nothing bears on it, so it keeps its base score');
    for (const c of e.contributions) {
      const named = c.relations.filter((r) => r !== ROLE_WORDS[c.role]);
      const relations = named.length > 0 ? ` (${named.join(', ')})` : '';
      contributions.push(`${signed(c.effect)}  ${c.kind} ${ROLE_WORDS[c.role]}${relations}, strength ${c.strength.toFixed(2)}: ${short(c.name, 90)}`);
    }
    if (e.contributions.length > 1) contributions.push(`${signed(e.contributions.reduce((sum, c) => sum + c.effect, 0))}  in all`);
  }
  const grounds = e.grounds.map((g) => {
    if (g.kind === 'claim') return `the claim ${short(g.text, 80)} (itself grounded; see its own grounds)`;
    const who = g.verifiedBy ? `, ${g.verification} by ${g.verifiedBy}${g.verifiedAt ? ` on ${g.verifiedAt.slice(0, 10)}` : ''}` : `, ${g.verification}`;
    const via = g.viaClaimId !== e.claimId ? ` (through claim ${g.viaClaimId})` : '';
    return `${g.sourceTitle ?? g.sourceId}${g.locator ? `, ${g.locator}` : ''}${who}${via}`;
  });
  const against = e.against.map((o) => {
    const how = [o.defeats ? 'defeats it' : 'does not defeat it', o.grounded ? 'grounded' : 'not grounded', o.status];
    return `${o.kind} ${short(o.name, 80)}: strength ${o.strength.toFixed(2)}, ${how.join(', ')}`;
  });
  return {
    title: `claim ${claim.id} (${claim.kind}), said by ${claim.author}`,
    facts,
    contributionsHeading,
    contributions,
    grounds: grounds.length > 0 ? grounds : ['none: nothing examined supports it'],
    against: against.length > 0 ? against : ['nothing'],
    wouldChange: e.wouldChange.length > 0 ? [...e.wouldChange] : ['nothing the ledger can name'],
    stances: `stances: ${describeStances(e.stances)}; stances never move the strength`,
  };
}

/**
 * Why one claim stands where it does, as text a person can read: the label with the stances beside
 * it, the reading, each direct contributor's share of the move from the base score to the strength
 * (they add up to strength − base), what grounds it, what stands against it, and what would change it.
 */
export function claimExplanationText(explanation: ClaimExplanation, claim: ClaimConsensus): string {
  const p = explanationParts(explanation, claim);
  const list = (items: readonly string[]) => items.map((i) => `  - ${i}`);
  return [
    p.title,
    `“${claim.text}”`,
    '',
    ...p.facts,
    '',
    explanation.reading,
    '',
    ...(p.contributionsHeading ? [`${p.contributionsHeading}:`, ...p.contributions.map((c) => `  ${c}`), ''] : []),
    'grounds:',
    ...list(p.grounds),
    '',
    'against:',
    ...list(p.against),
    '',
    'what would change it:',
    ...list(p.wouldChange),
    '',
    p.stances,
  ].join('\n');
}

/** The same in Markdown. */
export function claimExplanationMarkdown(explanation: ClaimExplanation, claim: ClaimConsensus): string {
  const p = explanationParts(explanation, claim);
  const list = (items: readonly string[]) => items.map((i) => `- ${escapeCell(i)}`);
  return [
    `## ${escapeCell(p.title)}`,
    '',
    `> ${escapeCell(claim.text)}`,
    '',
    ...p.facts.map((f) => `- ${escapeCell(f)}`),
    '',
    escapeCell(explanation.reading),
    '',
    ...(p.contributionsHeading ? [`### ${escapeCell(p.contributionsHeading)}`, '', ...list(p.contributions), ''] : []),
    '### Grounds',
    '',
    ...list(p.grounds),
    '',
    '### Against',
    '',
    ...list(p.against),
    '',
    '### What would change it',
    '',
    ...list(p.wouldChange),
    '',
    escapeCell(p.stances[0]!.toUpperCase() + p.stances.slice(1)),
  ].join('\n');
}
