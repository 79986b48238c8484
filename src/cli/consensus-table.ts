import type { QuestionConsensus } from '../../projections/consensus';

const short = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);
const strengthOf = (s: number | null) => (s === null ? '   –' : s.toFixed(2));

/** The consensus as a plain-text table for a terminal. */
export function consensusTable(consensus: QuestionConsensus, heading: string): string {
  const lines = [heading, `status: ${consensus.status}${consensus.converged ? '' : ' (a cycle did not converge)'}`, ''];
  lines.push(`${'label'.padEnd(10)} ${'strength'.padStart(8)}  ${'grounded'.padEnd(8)}  ${'kind'.padEnd(10)}  claim`);
  for (const claim of consensus.claims) {
    lines.push(`${claim.label.padEnd(10)} ${strengthOf(claim.strength).padStart(8)}  ${(claim.grounded ?? '–').padEnd(8)}  ${claim.kind.padEnd(10)}  ${short(claim.text, 70)}`);
  }
  return lines.join('\n');
}

/** The consensus as a Markdown table, each claim's explanation under it. */
export function consensusMarkdown(consensus: QuestionConsensus, heading: string): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [`## ${escape(heading)}`, '', `Status: **${consensus.status}**`, '', '| label | strength | grounded | kind | claim | why |', '|---|---:|---|---|---|---|'];
  for (const claim of consensus.claims) {
    lines.push(`| ${claim.label} | ${strengthOf(claim.strength)} | ${claim.grounded ?? '–'} | ${claim.kind} | ${escape(claim.text)} | ${escape(claim.explanation.summary)} |`);
  }
  return lines.join('\n');
}
