import type { ProofStandard } from '../../contract/question.events';
import type { ContestedBecause, ClaimLabel } from './labels';
import type { Ground, Lead, Opponent } from './question-consensus-types';

const CLAIM_TEXT_LENGTH = 60;
const SOURCE_TITLE_LENGTH = 80;
const SHOWN = 3;

/** `text` on one line, cut at a word boundary to at most `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** A claim as a reader would recognise it: its opening words, quoted. */
export const nameClaim = (text: string): string => `“${shorten(text, CLAIM_TEXT_LENGTH)}”`;

/** A source as a reader would find it: its title (shortened) and the locator. */
export function nameSource(title: string | null, locator?: string | null): string {
  const name = title ? shorten(title, SOURCE_TITLE_LENGTH) : 'an untitled source';
  return locator ? `${name} (${shorten(locator, 40)})` : name;
}

function series(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN);
  const all = items.length > SHOWN ? [...shown, `${items.length - SHOWN} more`] : shown;
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

const STANDARD_NAMES: Record<ProofStandard, string> = {
  scintilla: 'a scintilla of evidence',
  preponderance: 'the preponderance of evidence',
  'clear-and-convincing': 'clear and convincing evidence',
  'beyond-reasonable-doubt': 'proof beyond reasonable doubt',
};

export interface ReadingInput {
  readonly text: string;
  readonly author: string;
  readonly label: ClaimLabel;
  readonly contestedBecause: ContestedBecause | null;
  readonly strength: number | null;
  readonly groundedStrength?: number | null;
  readonly accept: number;
  readonly proofStandard: ProofStandard;
  readonly grounds: readonly Ground[];
  readonly against: readonly Opponent[];
  readonly leads: readonly Lead[];
  /** Names of the claims that support it. */
  readonly supportingClaims: readonly string[];
  /** Names of rivals the record does not tell apart from it, or supports better. */
  readonly closeRivals: readonly string[];
  readonly retraction?: { readonly by: string; readonly reason: string } | null;
}

function groundsPhrase(grounds: readonly Ground[]): string {
  return series(
    grounds.map((g) => {
      if (g.kind === 'claim') return `${nameClaim(g.text)} (itself grounded)`;
      const who = g.verifiedBy ? `, ${g.verification} by ${g.verifiedBy}${g.verifiedAt ? ` on ${g.verifiedAt.slice(0, 10)}` : ''}` : '';
      return `${nameSource(g.sourceTitle, g.locator)}${who}`;
    }),
  );
}

/**
 * One sentence saying what the label means for this claim, in words a historian reads correctly:
 * `open` and `unverified` say plainly that nothing in the record confirms the claim, e.g.
 * “Asserted by Silvia Ribelles de la Vega; nothing in the record confirms it: its only support is
 * other claims.”
 */
export function readClaim(c: ReadingInput): string {
  const subject = nameClaim(c.text);
  const opposed = c.against.filter((o) => o.strength > 0);
  switch (c.label) {
    case 'retracted':
      return `${subject} was retracted${c.retraction ? ` by ${c.retraction.by} (“${shorten(c.retraction.reason, CLAIM_TEXT_LENGTH)}”)` : ''} and no longer counts for or against anything.`;
    case 'open':
      return `${subject}: asserted by ${c.author}; nobody has argued for or against it, and nothing in the record confirms it.`;
    case 'unverified': {
      const why =
        c.leads.some((l) => l.stance === 'supports')
          ? `the references given for it (${series(c.leads.filter((l) => l.stance === 'supports').map((l) => nameSource(l.sourceTitle, l.locator)))}) have not been examined by anyone`
          : c.supportingClaims.length > 0
            ? `its support is only other claims (${series(c.supportingClaims)})`
            : 'what speaks for it is only that its objections were answered';
      return `${subject}: asserted by ${c.author}; nothing in the record confirms it: ${why}.`;
    }
    case 'corroborated':
      return `${subject} is corroborated under ${STANDARD_NAMES[c.proofStandard]}: it rests on ${groundsPhrase(c.grounds)}${opposed.length > 0 ? `, and nothing against it prevails` : ', and nothing stands against it'}.`;
    case 'refuted': {
      const by = opposed.filter((o) => o.defeats && o.grounded && o.status === 'in').map((o) => (o.kind === 'claim' ? nameClaim(o.name) : nameSource(o.name)));
      return `${subject} is refuted: ${series(by)} ${by.length === 1 ? 'defeats' : 'defeat'} it, grounded in examined evidence.`;
    }
    case 'contested':
      switch (c.contestedBecause) {
        case 'rival':
          return `${subject} is contested: ${series(c.closeRivals)} ${c.closeRivals.length === 1 ? 'explains' : 'explain'} the same thing, and no examined evidence tells them apart.`;
        case 'outweighed-by-rival':
          return `${subject} is contested: examined evidence supports ${series(c.closeRivals)} better, and ${c.closeRivals.length === 1 ? 'it explains' : 'they explain'} the same thing.`;
        case 'short-of-standard':
          return `${subject} is contested: it rests on ${groundsPhrase(c.grounds)}, but what that examined evidence carries (${(c.groundedStrength ?? c.strength!).toFixed(2)}) falls short of ${STANDARD_NAMES[c.proofStandard]} (${c.accept}).`;
        case 'ungrounded-attack': {
          const by = opposed.filter((o) => o.defeats).map((o) => (o.kind === 'claim' ? nameClaim(o.name) : nameSource(o.name)));
          return `${subject} is contested: ${series(by)} ${by.length === 1 ? 'stands' : 'stand'} against it, but nothing against it rests on examined evidence, so it is not refuted.`;
        }
        default: {
          const by = opposed.filter((o) => o.defeats && o.status !== 'out').map((o) => (o.kind === 'claim' ? nameClaim(o.name) : nameSource(o.name)));
          return `${subject} is contested: ${by.length > 0 ? `${series(by)} ${by.length === 1 ? 'stands' : 'stand'} against it` : 'arguments stand on both sides'} and neither side prevails.`;
        }
      }
  }
}
