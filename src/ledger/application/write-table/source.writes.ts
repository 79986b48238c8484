import type { SourceDetails, SourceIdentifiers } from '../../../../contract/source.events';
import { locate, type WriteRule } from './write-rule';

export const SOURCE_WRITES: { [N in 'RegisterSource' | 'AppraiseSource']: WriteRule<N> } = {
  RegisterSource: {
    aggregate: 'source',
    locate: locate.created('source'),
    command: ({ input }, sourceId) => ({
      type: 'RegisterSource',
      sourceId,
      kind: input.kind,
      title: input.title,
      authors: input.authors,
      issued: input.issued ?? null,
      // Plain data only: the DTO instances carry no meaning beyond their fields.
      identifiers: JSON.parse(JSON.stringify(input.identifiers ?? {})) as SourceIdentifiers,
      details: JSON.parse(JSON.stringify(input.details ?? {})) as SourceDetails,
      reliability: input.reliability ?? null,
    }),
  },
  AppraiseSource: {
    aggregate: 'source',
    locate: locate.subject,
    command: ({ input }, sourceId) => ({ type: 'AppraiseSource', sourceId, reliability: input.reliability, note: input.note }),
  },
};
