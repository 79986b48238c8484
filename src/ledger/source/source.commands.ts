import type { Reliability, SourceEvent } from './source.events';

type Registered = Extract<SourceEvent, { type: 'SourceRegistered' }>['data'];

export type SourceCommand =
  | ({ type: 'RegisterSource' } & Registered)
  | { type: 'AppraiseSource'; sourceId: string; reliability: Reliability; note: string };
