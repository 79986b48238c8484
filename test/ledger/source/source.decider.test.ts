import { describe, it } from 'vitest';
import { sourceDecider } from '../../../src/ledger/source/source.decider';
import type { SourceEvent } from '../../../contract/source.events';
import { deciderSpec } from '../decider-spec';

const spec = deciderSpec(sourceDecider);

const garf: Extract<SourceEvent, { type: 'SourceRegistered' }>['data'] = {
  sourceId: 's-garf-9501-17',
  kind: 'archival',
  title: 'Executive Committee of the Union of Red Cross and Red Crescent Societies of the USSR',
  authors: [],
  issued: '1923',
  identifiers: { archive: { repository: 'GARF', fond: 'R-9501', opis: '17' } },
  details: { genre: 'Archive fond' },
  reliability: null,
};
const registered: SourceEvent = { type: 'SourceRegistered', data: garf };

describe('source decider', () => {
  it('registers a source', () => spec.given([]).when({ type: 'RegisterSource', ...garf }).then([registered]));
  it('records no details as an empty object, so every reader finds the field', () => {
    const { details: _details, ...bare } = garf;
    spec.given([]).when({ type: 'RegisterSource', ...bare }).then([{ type: 'SourceRegistered', data: { ...bare, details: {} } }]);
  });
  it('refuses to register the same source twice', () =>
    spec.given([registered]).when({ type: 'RegisterSource', ...garf }).thenRefused('source-exists', 'sourceId'));
  it('appraises a registered source, again and again', () => {
    const appraised: SourceEvent = { type: 'SourceAppraised', data: { sourceId: garf.sourceId, reliability: 'B', note: 'state archive' } };
    spec.given([registered]).when({ type: 'AppraiseSource', sourceId: garf.sourceId, reliability: 'B', note: 'state archive' }).then([appraised]);
    spec
      .given([registered, appraised])
      .when({ type: 'AppraiseSource', sourceId: garf.sourceId, reliability: 'A', note: 'confirmed' })
      .then([{ type: 'SourceAppraised', data: { sourceId: garf.sourceId, reliability: 'A', note: 'confirmed' } }]);
  });
  it('answers not found when appraising an unknown source', () =>
    spec.given([]).when({ type: 'AppraiseSource', sourceId: 'nope', reliability: 'C', note: 'x' }).thenNotFound('source', 'nope'));
});
