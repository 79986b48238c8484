/**
 * Splitting a name held as one string into given and family names, for the formats that want them
 * (CSL-JSON authors, AIF participants). The ledger stores names as people write them, so this is a
 * heuristic; the rules, in order:
 *
 * 1. "Family, Given" (a comma) is explicit and taken as written.
 * 2. Names of institutions ("Central Intelligence Agency", "Union of Red Cross and Red Crescent
 *    Societies of the USSR") and one-word names are not split.
 * 3. A name with a lowercase particle ("Silvia Ribelles de la Vega", "Ludwig van Beethoven") keeps
 *    everything after the first word as the family name: Spanish compound surnames stay whole.
 * 4. Otherwise the last word is the family name ("Avel Safronovich Yenukidze": given "Avel
 *    Safronovich", family "Yenukidze").
 */
export type SplitName = { given: string; family: string } | { literal: string };

const INSTITUTION_WORDS =
  /\b(agency|archive|archives|association|bureau|commission|committee|council|department|directorate|foundation|government|institute|league|ministry|office|organi[sz]ation|party|press|service|societies|society|union|university|inc|ltd|gmbh)\b/i;
const PARTICLES = new Set(['de', 'del', 'della', 'der', 'di', 'da', 'dos', 'du', 'la', 'le', 'van', 'von', 'ten', 'ter', 'bin', 'ibn', 'al', 'y']);

export function splitPersonalName(name: string): SplitName {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  const comma = trimmed.indexOf(',');
  if (comma > 0) {
    const family = trimmed.slice(0, comma).trim();
    const given = trimmed.slice(comma + 1).trim();
    if (family && given) return { family, given };
  }
  const words = trimmed.split(' ');
  if (words.length < 2 || INSTITUTION_WORDS.test(trimmed) || /\bof\b/i.test(trimmed)) return { literal: trimmed };
  if (words.slice(1).some((w) => PARTICLES.has(w))) return { given: words[0]!, family: words.slice(1).join(' ') };
  return { given: words.slice(0, -1).join(' '), family: words[words.length - 1]! };
}
