import type { Reliability, SourceDetails, SourceEvent } from '../../../contract/source.events';

type Registered = Extract<SourceEvent, { type: 'SourceRegistered' }>['data'];

export type SourceCommand =
  // Details are optional to ask for; the event always records them (`{}` when none were given).
  | ({ type: 'RegisterSource' } & Omit<Registered, 'details'> & { details?: SourceDetails })
  | { type: 'AppraiseSource'; sourceId: string; reliability: Reliability; note: string };
