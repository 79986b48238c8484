import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

/**
 * Every verbatim passage of a claim and every quotation of a piece of evidence in the reference
 * debate is checked against the seed text it comes from, character for character.
 *
 * One normalisation only, on both sides: every run of whitespace (spaces, line breaks, the
 * indentation of a reply) counts as one space. That is the line wrapping of the YAML's folded
 * scalars and of the saved page; nothing else is forgiven: not a letter, an apostrophe, a quotation
 * mark, an OCR slip or a [sic]. " […] " in a passage marks words left out: the pieces on each side
 * must each be verbatim, in that order.
 *
 * A passage said in a post must be in that post (a "JE comments" text is the moderator's own, and
 * must be in it, not in the post above it), not merely somewhere in the thread.
 *
 * The seeds are read from test/fixtures/seeds/ (copies, so that this never skips on a clean clone);
 * when ../shared/seeds/ is present beside the repository, the copies must still be identical to it.
 */

const root = join(__dirname, '../..');
const fixtures = join(root, 'test/fixtures/seeds');
const shared = join(root, '../shared/seeds');
const SEEDS = {
  thread: 'wais-soviet-red-cross-thread.txt',
  cia: 'cia-rdp80-00810a004300550004-0.txt',
  hearne: 'hearne-between-moscow-and-geneva.txt',
  papadatos: 'papadatos-comintern-western-parties.txt',
} as const;

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
const seed = (name: keyof typeof SEEDS) => normalise(readFileSync(join(fixtures, SEEDS[name]), 'utf8'));
const OMISSION = ' […] ';

/** The part of `text` from the first occurrence of `from` up to the next occurrence of `to`. */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(normalise(from));
  expect(start, `start of a segment: "${from}"`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf(normalise(to), start + 1);
  expect(end, `end of a segment: "${to}"`).toBeGreaterThan(start);
  return text.slice(start, end);
}

/** The first piece of `passage` (split at " […] ") that is not verbatim in `text` in order, or null. */
function missingPiece(text: string, passage: string): string | null {
  let from = 0;
  for (const piece of normalise(passage).split(OMISSION)) {
    const at = text.indexOf(piece, from);
    if (at < 0) return piece;
    from = at + piece.length;
  }
  return null;
}

const thread = seed('thread');
/** Where each source of the debate that is a seed text (or a part of one) can be read. */
const TEXT_OF_SOURCE: Record<string, string> = {
  'post-ribelles-question': between(thread, 'I hope this email finds you', 'JE comments:  Silvia, I thought'),
  'je-comment-ribelles-question': between(thread, 'JE comments:  Silvia, I thought', 'Rate this post'),
  'post-preston': between(thread, 'What a fascinating post by Silvia Ribelles!', 'JE comments:  Boris, we need you!'),
  'je-comment-preston': between(thread, 'JE comments:  Boris, we need you!', 'Soviet Red Cross (Boris Volodarsky, Austria'),
  'post-volodarsky-memo': between(thread, 'Many thanks to Paul Preston and JE.', 'JE comments:  Great essay, Boris.'),
  'je-comment-volodarsky-memo': between(thread, 'JE comments:  Great essay, Boris.', 'Red Cross Files in Russian Archives'),
  'post-ribelles-files': between(thread, 'Many, many thanks to Professor Boris Volodarsky', 'JE comments: Likewise, Silvia!'),
  'post-volodarsky-archives': between(thread, 'To Silvia Ribelles: To the best of my knowledge', 'JE comments:  Bolshoe spasibo'),
  'cia-rdp80-00810a004300550004-0': seed('cia'),
  'hearne-2025': seed('hearne'),
};

interface Entry {
  key: string;
  command: string;
  by?: unknown;
  in?: string;
  source?: string;
  passage?: string;
  quote?: string;
  question?: string;
}
const debate = parseYaml(readFileSync(join(root, 'examples/wais-soviet-red-cross.yaml'), 'utf8')) as { entries: Entry[] };
const passages = debate.entries.filter((e) => e.passage !== undefined);
const quotes = debate.entries.filter((e) => e.quote !== undefined);

describe('the seed texts the reference debate quotes', () => {
  it('are kept in test/fixtures/seeds, identical to ../shared/seeds when it is there', () => {
    for (const file of Object.values(SEEDS)) expect(existsSync(join(fixtures, file)), file).toBe(true);
    if (!existsSync(shared)) {
      console.log(`${shared} is absent (a clean clone): the quotes are checked against the copies in test/fixtures/seeds only`);
      return;
    }
    for (const file of Object.values(SEEDS)) {
      expect(readFileSync(join(fixtures, file), 'utf8'), `test/fixtures/seeds/${file} differs from ../shared/seeds/${file}`).toBe(
        readFileSync(join(shared, file), 'utf8'),
      );
    }
  });
});

describe('verbatim passages and quotations of examples/wais-soviet-red-cross.yaml', () => {
  it('gives every claim drawn from a post its verbatim passage, and no editor’s claim one', () => {
    const claims = debate.entries.filter((e) => e.command === 'ProposeClaim');
    expect(claims.length).toBeGreaterThan(40);
    expect(claims.filter((c) => c.by !== undefined && c.passage === undefined).map((c) => c.key)).toEqual([]);
    expect(claims.filter((c) => c.by === undefined && c.passage !== undefined).map((c) => c.key)).toEqual([]);
  });

  it('checks a passage or a quotation only against a seed text, and misses none', () => {
    const unchecked = [...passages.map((e) => [e.key, e.in]), ...quotes.map((e) => [e.key, e.source])].filter(([, source]) => !(String(source) in TEXT_OF_SOURCE));
    expect(unchecked).toEqual([]);
    expect(passages.length + quotes.length).toBeGreaterThan(60);
  });

  for (const entry of passages) {
    it(`${entry.key}: its passage is verbatim in ${entry.in}`, () => {
      expect(missingPiece(TEXT_OF_SOURCE[entry.in!]!, entry.passage!)).toBeNull();
    });
  }

  for (const entry of quotes) {
    it(`${entry.key}: its quotation is verbatim in ${entry.source}`, () => {
      expect(missingPiece(TEXT_OF_SOURCE[entry.source!]!, entry.quote!)).toBeNull();
    });
  }

  it('would catch a changed word, a dropped hedge or a passage from the wrong post', () => {
    const preston = TEXT_OF_SOURCE['post-preston']!;
    expect(missingPiece(preston, 'However, this is just a feeble suggestion.')).toBeNull();
    expect(missingPiece(preston, 'However, this is just a suggestion.')).not.toBeNull();
    expect(missingPiece(preston, 'However,  this is just a feeble\n      suggestion.')).toBeNull();
    // JE's words are in his comment, not in Preston's post above it.
    expect(missingPiece(preston, 'One also wonders if Stalin wanted to maintain plausible deniability')).not.toBeNull();
    expect(missingPiece(TEXT_OF_SOURCE['je-comment-preston']!, 'One also wonders if Stalin wanted to maintain plausible deniability')).toBeNull();
    // Pieces around an omission must come in their order.
    expect(missingPiece(preston, 'However, this is just a feeble suggestion. […] My only--and probably not very useful--guess')).not.toBeNull();
  });
});
