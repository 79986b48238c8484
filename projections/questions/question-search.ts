import type { QuestionView } from './questions.projection';

/**
 * Text folded for searching: Unicode NFD with the combining marks dropped (so "Soviética" and
 * "sovietica" meet), lower case, runs of white space made one space. Letters without a decomposition
 * (ß, ø, Cyrillic) stay as they are: lower-casing is all that applies to them.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The search's words, folded; a question matches when its text contains every one. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query).split(' ').filter((term) => term.length > 0);
}

// A question's folded text, kept while its revision stands: a search reads every question each time.
const folded = new WeakMap<QuestionView, { revision: bigint; text: string }>();

/** What a search looks in: the title, the body, the tags and the text of the live claims. */
export function searchableText(question: QuestionView): string {
  const known = folded.get(question);
  if (known && known.revision === question.revision) return known.text;
  const parts = [question.title, question.body, question.tags.join(' ')];
  for (const claim of question.claims.values()) if (claim.status === 'live') parts.push(claim.text);
  const text = foldForSearch(parts.join('\n'));
  folded.set(question, { revision: question.revision, text });
  return text;
}

export function questionMatches(question: QuestionView, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const text = searchableText(question);
  return terms.every((term) => text.includes(term));
}
