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
  constructor(private readonly base = '') {}

  async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    const token = sessionToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (init.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    const response = await fetch(`${this.base}${path}`, { ...init, headers });
    if (!response.ok) throw await apiErrorOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** POST/PATCH a JSON body; the answer is the write's result (ids, positions). */
  write<T = unknown>(method: 'POST' | 'PATCH', path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.request<T>(path, { method, body: JSON.stringify(body), headers });
  }

  questions(search?: string): Promise<QuestionSummary[]> {
    return this.request(`/api/questions${search ? `?q=${enc(search)}` : ''}`);
  }

  question(id: string): Promise<QuestionDetail> {
    return this.request(`/api/questions/${enc(id)}`);
  }

  consensus(id: string, moment?: Moment): Promise<Consensus> {
    return this.request(`/api/questions/${enc(id)}/consensus${momentQuery(moment)}`);
  }

  explanation(id: string, claimId: string, moment?: Moment): Promise<ClaimExplanation> {
    return this.request(`/api/questions/${enc(id)}/consensus/claims/${enc(claimId)}${momentQuery(moment)}`);
  }

  async timeline(id: string): Promise<TimelineEntry[]> {
    return (await this.request<{ entries: TimelineEntry[] }>(`/api/questions/${enc(id)}/timeline`)).entries;
  }

  events(id: string): Promise<LedgerEvent[]> {
    return this.request(`/api/questions/${enc(id)}/events`);
  }

  sources(): Promise<Source[]> {
    return this.request('/api/sources');
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
