import { sessionToken } from './session';
import type { Axis, ClaimExplanation, Consensus, LedgerEvent, Problem, QuestionDetail, QuestionSummary, Source, TimelineEntry } from './types';

/** An answer of the API other than 2xx, with its problem details (field errors included). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `the ledger answered ${status}`);
    this.name = 'ApiError';
  }

  /** The messages the API gave for one field, to show next to it. */
  fieldErrors(field: string): string[] {
    return (this.problem.errors ?? []).filter((e) => e.field === field).map((e) => e.message);
  }
}

/** A moment to look at: now (undefined), a date on an axis, or right after a position (recorded axis). */
export type Moment = { asOf: string; axis: Axis } | { atPosition: string } | undefined;

export function momentQuery(moment: Moment): string {
  if (!moment) return '';
  const params = new URLSearchParams('atPosition' in moment ? { atPosition: moment.atPosition } : { asOf: moment.asOf, axis: moment.axis });
  return `?${params}`;
}

const enc = encodeURIComponent;

/** The largest page the API gives (src/http/pagination.ts): a whole list in as few requests as it allows. */
export const LARGEST_PAGE = 1000;

/** The error a refused request answers with: its RFC 9457 problem details, or the status alone. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status };
  try {
    problem = { ...(await response.json()), status: response.status };
  } catch {
    // Not JSON (a proxy's page): the status is all there is.
  }
  return new ApiError(response.status, problem);
}

/**
 * The API's calls the page makes, on one base URL (the page's own origin). Every request sends the
 * session's bearer token when there is one, so a reader who signed in also reads where reads need a
 * token (LEDGER_PUBLIC_READ=false).
 */
export class LedgerApi {
  /** `pageSize`: the `limit` a whole list is read with (the API's largest; smaller in tests, to cross pages). */
  constructor(
    private readonly base = '',
    private readonly pageSize = LARGEST_PAGE,
  ) {}

  async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    return (await this.requestPage<T>(path, init)).body;
  }

  /** One answer with the next page's path, when the answer is a page of a longer list (`Link: <…>; rel="next"`). */
  async requestPage<T>(path: string, init: RequestInit = {}): Promise<{ body: T; next: string | undefined }> {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    const token = sessionToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (init.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    const response = await fetch(`${this.base}${path}`, { ...init, headers });
    if (!response.ok) throw await apiErrorOf(response);
    if (response.status === 204) return { body: undefined as T, next: undefined };
    return { body: (await response.json()) as T, next: nextLinkOf(response.headers.get('Link')) };
  }

  /**
   * Every page of a list, following the `next` links from `path` (asked with the largest page, so a
   * big list takes few requests), `merge` folding each page into what came before.
   */
  async allPages<T>(path: string, merge: (all: T, page: T) => T): Promise<T> {
    const first = await this.requestPage<T>(withLimit(path, this.pageSize));
    let all = first.body;
    let next = first.next;
    while (next !== undefined) {
      const page = await this.requestPage<T>(next);
      all = merge(all, page.body);
      next = page.next;
    }
    return all;
  }

  /** Every item of a list answered as pages of arrays. */
  list<T>(path: string): Promise<T[]> {
    return this.allPages<T[]>(path, (all, page) => all.concat(page));
  }

  /** POST/PATCH a JSON body; the answer is the write's result (ids, positions). */
  write<T = unknown>(method: 'POST' | 'PATCH', path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.request<T>(path, { method, body: JSON.stringify(body), headers });
  }

  questions(search?: string): Promise<QuestionSummary[]> {
    return this.list(`/api/questions${search ? `?q=${enc(search)}` : ''}`);
  }

  question(id: string): Promise<QuestionDetail> {
    return this.request(`/api/questions/${enc(id)}`);
  }

  /**
   * The whole consensus the map draws: the summary, then every claim and its evidence, page by page,
   * without what explains each label (the claim panel asks for that, for its one claim). Later pages
   * are read at least at the first page's position, so none is older than the first.
   */
  /** The whole consensus, page after page; `minPosition`: once the server's read models include it (a live update's position). */
  async consensus(id: string, moment?: Moment, minPosition?: string): Promise<Consensus> {
    const query = momentQuery(moment);
    const path = `/api/questions/${enc(id)}/consensus${query}${minPosition === undefined ? '' : `${query ? '&' : '?'}minPosition=${enc(minPosition)}`}`;
    const first = await this.requestPage<Consensus>(withLimit(path, this.pageSize));
    const consensus = first.body;
    let next = first.next;
    while (next !== undefined) {
      const url = new URL(next, 'http://page.invalid');
      if (!moment && consensus.position !== null) url.searchParams.set('minPosition', consensus.position);
      const page = await this.requestPage<Consensus>(`${url.pathname}${url.search}`);
      consensus.claims.push(...page.body.claims);
      consensus.evidence.push(...page.body.evidence);
      next = page.next;
    }
    return consensus;
  }

  /** Why one claim stands where it does (contributions, grounds, what stands against it, what would change it): asked for the claim the panel shows. */
  explanation(id: string, claimId: string, moment?: Moment): Promise<ClaimExplanation> {
    return this.request(`/api/questions/${enc(id)}/consensus/claims/${enc(claimId)}${momentQuery(moment)}`);
  }

  /** The question's whole timeline, page by page (`query`: e.g. `?minPosition=`). */
  async timeline(id: string, query = ''): Promise<TimelineEntry[]> {
    const all = await this.allPages<{ questionId: string; entries: TimelineEntry[] }>(`/api/questions/${enc(id)}/timeline${query}`, (all, page) => ({
      ...all,
      entries: all.entries.concat(page.entries),
    }));
    return all.entries;
  }

  events(id: string): Promise<LedgerEvent[]> {
    return this.list(`/api/questions/${enc(id)}/events`);
  }

  sources(): Promise<Source[]> {
    return this.list('/api/sources');
  }

  source(id: string): Promise<Source> {
    return this.request(`/api/sources/${enc(id)}`);
  }

  proof(eventId: string): Promise<unknown> {
    return this.request(`/api/events/${enc(eventId)}/proof`);
  }

  /** The URL of the consensus stream (SSE): the current consensus, then one message per change. */
  consensusStreamUrl(id: string): string {
    return `${this.base}/api/questions/${enc(id)}/consensus/stream`;
  }

  /** The URL a download of the question in one export format is served at. */
  exportUrl(id: string, format: string, moment?: Moment): string {
    const params = new URLSearchParams({ format });
    if (moment && 'asOf' in moment) {
      params.set('asOf', moment.asOf);
      params.set('axis', moment.axis);
    }
    return `${this.base}/api/questions/${enc(id)}/export?${params}`;
  }
}

export const api = new LedgerApi();

function withLimit(path: string, limit: number): string {
  return `${path}${path.includes('?') ? '&' : '?'}limit=${limit}`;
}

/** The target of `Link: <target>; rel="next"` (RFC 8288), if the header has one. */
export function nextLinkOf(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel="?next"?\s*(;|$)/.test(match[2]!)) return match[1];
  }
  return undefined;
}
