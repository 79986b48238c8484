import type { Axis } from '../api/types';

/**
 * What the page shows, all of it in the URL so that a link opens exactly that view for a colleague:
 * `/` (the questions, `?q=` a search) or `/questions/:id?view=&claim=&asOf=&axis=`.
 * Unknown or malformed parts are dropped rather than guessed at.
 */
export type PageState =
  | { page: 'questions'; search: string }
  | {
      page: 'question';
      questionId: string;
      /** The tab: map (default), timeline, or a feature's own (reading, …). */
      view: string;
      claim: string | null;
      /** A date or date-time (partial dates allowed: `2021-02-11`), or null for now. */
      asOf: string | null;
      axis: Axis;
    }
  | { page: 'not-found'; path: string };

export const DEFAULT_VIEW = 'map';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VIEW = /^[a-z][a-z0-9-]{0,31}$/;
// What the API's asOf accepts: a year, month, day or an RFC 3339 date-time (the server checks the rest).
const AS_OF = /^\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

export function parseLocation(pathname: string, search: string): PageState {
  const params = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/questions') return { page: 'questions', search: params.get('q') ?? '' };
  const match = /^\/questions\/([^/]+)$/.exec(path);
  if (!match || !UUID.test(match[1])) return { page: 'not-found', path: pathname };
  const view = params.get('view');
  const claim = params.get('claim');
  const asOf = params.get('asOf');
  return {
    page: 'question',
    questionId: match[1].toLowerCase(),
    view: view && VIEW.test(view) ? view : DEFAULT_VIEW,
    claim: claim && UUID.test(claim) ? claim.toLowerCase() : null,
    asOf: asOf && AS_OF.test(asOf) ? asOf : null,
    axis: params.get('axis') === 'occurred' ? 'occurred' : 'recorded',
  };
}

/** The URL of a state; defaults are left out so that links stay short. */
export function formatLocation(state: PageState): string {
  if (state.page === 'not-found') return state.path;
  if (state.page === 'questions') return state.search ? `/?${new URLSearchParams({ q: state.search })}` : '/';
  const params = new URLSearchParams();
  if (state.view !== DEFAULT_VIEW) params.set('view', state.view);
  if (state.claim) params.set('claim', state.claim);
  if (state.asOf) params.set('asOf', state.asOf);
  // The axis stays even without a moment: it is the replay slider's and the timeline's axis too.
  if (state.axis !== 'recorded') params.set('axis', state.axis);
  const query = params.toString();
  return `/questions/${state.questionId}${query ? `?${query}` : ''}`;
}

export function questionPage(questionId: string, patch: Partial<Extract<PageState, { page: 'question' }>> = {}): PageState {
  return { page: 'question', questionId, view: DEFAULT_VIEW, claim: null, asOf: null, axis: 'recorded', ...patch };
}
