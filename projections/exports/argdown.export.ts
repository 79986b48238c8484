import type { ClaimView } from '../questions/questions.projection';
import { findingAids } from './citation';
import type { ExportInput } from './export-input';
import { claimsOf, consensusOf, dateOf, evidenceOf, labelOf, numberItems, oneLine } from './ledger-items';

/**
 * Argdown (https://argdown.org/syntax/) of one question: front matter with the question, then one
 * statement per claim and per piece of evidence, each with its label as a #tag and the rest in a
 * metadata block, and under each claim what bears on it, in Argdown's relation syntax seen from the
 * claim: `+ [A]` (A supports it), `- [A]` (A rebuts it, or evidence A undermines it), `_ [A]`
 * (A undercuts it).
 *
 * Argdown means an undercut to attack an argument's inference, and its parser accepts one between
 * statements too, as a relation of type "undercut"; the ledger has no reconstructed arguments to
 * aim at, so the undercut is written between the two statements.
 *
 * Titles are "C1", "E1"… with the claim's first words, so a map stays readable; texts are escaped
 * so that nothing in them is read as a tag, link, mention, comment or emphasis.
 */
export function toArgdown(input: ExportInput): string {
  const numbers = numberItems(input);
  const q = input.question;
  const titles = new Map<string, string>();
  for (const claim of claimsOf(input)) titles.set(`claim:${claim.id}`, title(numbers.claim(claim.id), claim.text));
  for (const e of evidenceOf(input)) titles.set(`evidence:${e.id}`, title(numbers.evidence(e.id), e.quote ?? input.sources.get(e.sourceId)?.title ?? ''));
  const ref = (key: string, fallback: string) => titles.get(key) ?? title(fallback, '');

  const front: Record<string, string> = {
    title: oneLine(q.title),
    question: q.id,
    body: oneLine(q.body),
    consensus: input.consensus.status,
    ...(input.consensus.asOf ? { asOf: input.consensus.asOf } : {}),
  };
  const out = ['===', ...Object.entries(front).map(([k, v]) => `${k}: ${yamlString(v)}`), '===', '', `# ${text(q.title)}`, ''];

  for (const claim of claimsOf(input)) {
    out.push(...claimStatement(input, claim, ref(`claim:${claim.id}`, claim.id)));
    for (const r of q.relations.filter((r) => r.toClaimId === claim.id)) {
      const sign = r.relation === 'supports' ? '+' : r.relation === 'rebuts' ? '-' : '_';
      out.push(`  ${sign} [${ref(`claim:${r.fromClaimId}`, r.fromClaimId)}]`);
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
      stance: e.stance,
      claim: numbers.claim(e.claimId),
      source: source ? [source.authors.join(', '), source.title, source.issued ?? 'n.d.', ...findingAids(source)].filter((p) => p !== '').join(', ') : e.sourceId,
      ...(e.locator ? { locator: e.locator } : {}),
      ...(e.credibility ? { credibility: e.credibility } : {}),
      ...(source?.reliability ? { reliability: source.reliability } : {}),
      status: e.status,
    };
    out.push(`[${ref(`evidence:${e.id}`, e.id)}]: ${text(what)} #evidence${e.status === 'withdrawn' ? ' #withdrawn' : ''}`, `  ${dataBlock(data)}`, '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

function claimStatement(input: ExportInput, claim: ClaimView, statementTitle: string): string[] {
  const consensus = consensusOf(input, claim.id);
  const label = labelOf(input, claim);
  const p = claim.provenance;
  const data: Record<string, unknown> = {
    id: claim.id,
    kind: claim.kind,
    label: label ?? 'not assessed',
    strength: consensus?.strength ?? null,
    grounded: consensus?.grounded ?? null,
    saidBy: p.attributedTo.name,
    saidOn: dateOf(p.occurredAt),
    ...(consensus?.explanation ? { explanation: consensus.explanation } : {}),
    ...(claim.versions.length > 1 ? { earlierWordings: claim.versions.slice(0, -1).map((v) => oneLine(v.text)) } : {}),
    ...(claim.retraction ? { retracted: `${dateOf(claim.retraction.provenance.occurredAt)}: ${oneLine(claim.retraction.reason)}` } : {}),
  };
  const tag = label ? ` #${label}` : '';
  return [`[${statementTitle}]: ${text(claim.text)}${tag}`, `  ${dataBlock(data)}`];
}

/**
 * "C3 The allowance may have been": the item's number and the first words of its text, reduced to
 * letters, digits, spaces and hyphens, which no Argdown token can start inside a title.
 */
function title(number: string, body: string): string {
  const words = oneLine(body.replace(/[^\p{L}\p{N}\s-]/gu, ' ')).split(' ').filter((w) => w !== '' && !/^-+$/.test(w));
  return [number.replace(/[^\p{L}\p{N}-]/gu, '-'), ...words.slice(0, 6)].join(' ');
}

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
