import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { VERIFICATIONS } from '../../contract/question.events';
import { array, boolean, decimal, described, enumOf, integer, nullable, object, ref, string, uuid } from '../http/openapi/schemas/common';

const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'];
const SOURCE_KINDS = ['archival', 'report', 'article', 'book', 'forum-post', 'letter', 'interview', 'web', 'other'];

const CITATION = object(
  {
    evidenceId: uuid(),
    questionId: uuid(),
    claimId: uuid(),
    stance: enumOf(['supports', 'undermines']),
    locator: nullable(string()),
    verification: enumOf(VERIFICATIONS, 'Has anybody read the source at this locator (the current verification)'),
    withdrawn: boolean(),
  },
  'A piece of evidence citing the source',
);

/** The bibliography (sources projection, ledger/http/presenters.ts) and who contributed what (participants projection). */
export const SOURCE_SCHEMAS: Record<string, SchemaObject> = {
  Source: object(
    {
      id: uuid(),
      kind: enumOf(SOURCE_KINDS),
      title: string(),
      authors: array(string()),
      issued: nullable(string('A partial date: 1954, 1954-06 or 1954-06-25', { example: '1954-06' })),
      identifiers: described(ref('SourceIdentifiersDto'), 'DOI, ISBN, URL, CREST number, archival reference: as registered'),
      details: described(ref('SourceDetailsDto'), 'Bibliographic details (container, volume, pages, genre, a forum post’s time…): as registered, `{}` when none were'),
      reliability: nullable(enumOf(RELIABILITY), 'The current appraisal of its reliability (Admiralty scale, A reliable to F cannot be judged)'),
      registeredReliability: nullable(enumOf(RELIABILITY), 'The reliability given when it was registered, before any appraisal'),
      position: decimal('The global position of its registration'),
      appraisals: array(
        object({ reliability: enumOf(RELIABILITY), note: string(), position: decimal(), provenance: ref('Provenance') }),
        'Every appraisal in log order',
      ),
      citations: array(CITATION, 'Every piece of evidence that cites it'),
      provenance: ref('Provenance'),
      revision: decimal('The source stream’s revision: its ETag, to send back as If-Match'),
    },
    'A registered source, its appraisals and its citations',
  ),
  SourceCitations: object({
    sourceId: uuid(),
    title: string(),
    citations: array(
      { allOf: [CITATION, object({ claimText: nullable(string(), 'The current text of the claim it is cited for') })] },
      'Every piece of evidence citing the source, with its claim’s text',
    ),
  }),
  Participant: object(
    {
      name: string(undefined, { example: 'Boris Volodarsky' }),
      attributed: ref('ContributionCounts'),
      recorded: ref('ContributionCounts'),
      affiliations: array(string()),
      recordedByOthers: array(string(), 'Who recorded this person’s words, when someone else did'),
      firstOccurredAt: string('When the earliest contribution was said'),
      lastOccurredAt: string('When the latest contribution was said'),
      questionIds: array(uuid(), 'The questions this person contributed to, in either role'),
      firstPosition: decimal('The global position of the event that first named this person: the list’s order'),
    },
    'Someone who contributed: as the historical author of what was said (`attributed`) and as the one who entered it (`recorded`)',
  ),
  ContributionCounts: {
    type: 'object',
    description: 'How many of each kind of contribution; kinds with none are left out',
    properties: Object.fromEntries(
      ['questions', 'rewordings', 'claims', 'revisions', 'retractions', 'relations', 'evidence', 'verifications', 'withdrawals', 'stances', 'resolutions', 'proofStandards', 'sources', 'appraisals'].map(
        (kind) => [kind, integer(undefined, { minimum: 1 })],
      ),
    ),
  },
};
