import { occurredAttributes, qn } from '../../../projections/exports/prov-document';
import { toProv, type ProvDocument, type ProvRecord } from '../../../projections/exports/prov.export';
import { buildExportInput } from './export-fixture';

// No PROV-JSON validator runs in Node, so the document is checked against the structure of the
// PROV-JSON submission (https://www.w3.org/submissions/prov-json/): the top-level maps, the
// attributes each relation requires, and that every relation's ends are declared with the right kind.

/** Each relation's attributes naming an element, with the map the element must be declared in. */
const RELATION_ENDS: Record<string, { required: Record<string, 'entity' | 'activity' | 'agent'>; optional: Record<string, 'entity' | 'activity' | 'agent'> }> = {
  wasGeneratedBy: { required: { 'prov:entity': 'entity' }, optional: { 'prov:activity': 'activity' } },
  used: { required: { 'prov:activity': 'activity' }, optional: { 'prov:entity': 'entity' } },
  wasInvalidatedBy: { required: { 'prov:entity': 'entity' }, optional: { 'prov:activity': 'activity' } },
  wasAssociatedWith: { required: { 'prov:activity': 'activity' }, optional: { 'prov:agent': 'agent', 'prov:plan': 'entity' } },
  wasAttributedTo: { required: { 'prov:entity': 'entity', 'prov:agent': 'agent' }, optional: {} },
  wasDerivedFrom: { required: { 'prov:generatedEntity': 'entity', 'prov:usedEntity': 'entity' }, optional: { 'prov:activity': 'activity' } },
  specializationOf: { required: { 'prov:specificEntity': 'entity', 'prov:generalEntity': 'entity' }, optional: {} },
};
const ELEMENT_KEYS = ['entity', 'activity', 'agent'] as const;
const TIME_KEYS = ['prov:time', 'prov:startTime', 'prov:endTime'];
const XSD_DATE_TIME = /^-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function records(doc: ProvDocument, key: string): [string, ProvRecord][] {
  return Object.entries((doc as unknown as Record<string, Record<string, ProvRecord>>)[key] ?? {});
}

function relationsOf(doc: ProvDocument, kind: string, where: Record<string, string> = {}): ProvRecord[] {
  return records(doc, kind)
    .map(([, r]) => r)
    .filter((r) => Object.entries(where).every(([k, v]) => r[k] === v));
}

describe('PROV-JSON export', () => {
  const doc = toProv(buildExportInput());
  // A round trip through JSON text, as a consumer would read the file.
  const parsed = JSON.parse(JSON.stringify(doc)) as ProvDocument;

  it('has only PROV-JSON top-level maps, and declares the ledger prefix', () => {
    for (const key of Object.keys(parsed)) expect(['prefix', ...ELEMENT_KEYS, ...Object.keys(RELATION_ENDS)]).toContain(key);
    expect(parsed.prefix).toEqual({ ledger: 'urn:claims-ledger:' });
  });

  it('names every element with a declared prefix and every relation with a blank node', () => {
    const prefixes = new Set([...Object.keys(parsed.prefix), 'prov', 'xsd']);
    for (const key of ELEMENT_KEYS) {
      for (const [id] of records(parsed, key)) {
        // A QName whose local part is an XML NCName (PROV-XML) and a PROV-N PN_LOCAL: no '/', '%' or space.
        expect(id, id).toMatch(/^[A-Za-z_][\w-]*:[\p{L}_][\p{L}\p{Nd}_.-]*$/u);
        expect(id, id).not.toMatch(/[/%\s]/);
        expect(prefixes.has(id.split(':')[0]!), id).toBe(true);
      }
    }
    for (const key of Object.keys(RELATION_ENDS)) for (const [id] of records(parsed, key)) expect(id).toMatch(/^_:[a-z]+\d+$/);
  });

  it('gives every relation its required attributes, pointing at declared elements of the right kind', () => {
    for (const [kind, ends] of Object.entries(RELATION_ENDS)) {
      for (const [id, record] of records(parsed, kind)) {
        for (const attribute of Object.keys(ends.required)) expect(record[attribute], `${kind} ${id} ${attribute}`).toBeTypeOf('string');
        for (const [attribute, map] of Object.entries({ ...ends.required, ...ends.optional })) {
          const target = record[attribute];
          if (target === undefined) continue;
          expect(Object.keys((parsed as unknown as Record<string, object>)[map]!), `${kind} ${id} ${attribute} → ${String(target)}`).toContain(target);
        }
      }
    }
  });

  it('writes times as xsd:dateTime and typed values as {$, type}', () => {
    const all = [...ELEMENT_KEYS, ...Object.keys(RELATION_ENDS)].flatMap((k) => records(parsed, k));
    for (const [id, record] of all) {
      for (const [attribute, value] of Object.entries(record)) {
        if (TIME_KEYS.includes(attribute)) expect(value, `${id} ${attribute}`).toMatch(XSD_DATE_TIME);
        for (const v of Array.isArray(value) ? value : [value]) {
          if (typeof v === 'object') {
            expect(typeof v.$, `${id} ${attribute}`).toBe('string');
            expect('type' in v || 'lang' in v, `${id} ${attribute}`).toBe(true);
          }
        }
      }
    }
    for (const [id, activity] of records(parsed, 'activity')) expect(activity['prov:startTime'], id).toBeDefined();
  });

  it('has the question, each claim, each wording, each relation, evidence and source as entities', () => {
    const entities = Object.keys(parsed.entity);
    expect(entities).toEqual(
      expect.arrayContaining([
        'ledger:question.q-red-cross',
        'ledger:claim.c-external',
        'ledger:claim.c-external.v1',
        'ledger:claim.c-external.v2',
        'ledger:relation.r3',
        'ledger:evidence.e-garf',
        'ledger:source.garf-r9501-op17',
        'ledger:source.cia-report',
        'ledger:resolution.q-red-cross',
      ]),
    );
    expect(parsed.entity['ledger:claim.c-external']).toMatchObject({ 'prov:type': { $: 'ledger:Claim', type: 'prov:QUALIFIED_NAME' }, 'ledger:label': 'contested', 'ledger:strength': 0.5 });
    expect(parsed.entity['ledger:source.garf-r9501-op17']).toMatchObject({ 'ledger:archiveReference': 'GARF, f. R-9501 (guide entry: 17 inventories, 8,756 storage units, 1918–1992)', 'ledger:archiveReferenceKind': 'guide-entry' });
  });

  it('gives each claim its label with the stances beside it, its grounding and reading, and each piece of evidence its verification', () => {
    expect(parsed.entity['ledger:claim.c-external']).toMatchObject({
      'ledger:label': 'contested',
      'ledger:endorsements': 2,
      'ledger:disputes': 1,
      'ledger:grounded': true,
      'ledger:dialecticalStatus': 'undec',
      'ledger:reading': expect.stringContaining('is contested'),
    });
    expect(parsed.entity['ledger:question.q-red-cross']).toMatchObject({ 'ledger:proofStandard': 'preponderance' });
    expect(parsed.entity['ledger:evidence.e-cia-cited']).toMatchObject({ 'ledger:verification': 'cited' });
    expect(parsed.entity['ledger:evidence.e-cia']).toMatchObject({ 'ledger:verification': 'transcribed' });
    // Who raised the verification, and when: an activity of its own that used the evidence and its source.
    expect(parsed.activity['ledger:activity.verify.e-cia.1']).toMatchObject({
      'prov:type': { $: 'ledger:VerifyingEvidence', type: 'prov:QUALIFIED_NAME' },
      'prov:startTime': '2025-02-20T10:00:00Z',
      'ledger:verification': 'transcribed',
      'ledger:note': 'quoted from the CREST scan',
    });
    expect(relationsOf(parsed, 'used', { 'prov:activity': 'ledger:activity.verify.e-cia.1' }).map((r) => r['prov:entity'])).toEqual(['ledger:evidence.e-cia', 'ledger:source.cia-report']);
  });

  it('records a claim bearing on a piece of evidence, and rivals, as relations', () => {
    expect(parsed.entity['ledger:relation.r5']).toMatchObject({
      'ledger:relation': 'undercuts',
      'ledger:from': { $: 'ledger:claim.c-fond', type: 'prov:QUALIFIED_NAME' },
      'ledger:to': { $: 'ledger:evidence.e-garf', type: 'prov:QUALIFIED_NAME' },
    });
    expect(relationsOf(parsed, 'used', { 'prov:activity': 'ledger:activity.relate.r5' }).map((r) => r['prov:entity'])).toEqual(['ledger:claim.c-fond', 'ledger:evidence.e-garf']);
    expect(parsed.entity['ledger:relation.r4']).toMatchObject({ 'ledger:relation': 'competes' });
  });

  it('records a revision as a derivation typed prov:Revision, by the revising activity', () => {
    expect(relationsOf(parsed, 'wasDerivedFrom', { 'prov:generatedEntity': 'ledger:claim.c-external.v2', 'prov:usedEntity': 'ledger:claim.c-external.v1' })).toEqual([
      {
        'prov:generatedEntity': 'ledger:claim.c-external.v2',
        'prov:usedEntity': 'ledger:claim.c-external.v1',
        'prov:activity': 'ledger:activity.revise.c-external.v2',
        'prov:type': { $: 'prov:Revision', type: 'prov:QUALIFIED_NAME' },
      },
    ]);
    expect(relationsOf(parsed, 'specializationOf', { 'prov:generalEntity': 'ledger:claim.c-external' })).toHaveLength(2);
    expect(parsed.activity['ledger:activity.revise.c-external.v2']).toMatchObject({ 'prov:startTime': '2021-02-12T09:00:00-05:00' });
  });

  it('records a retraction and a withdrawal as invalidations', () => {
    const retraction = relationsOf(parsed, 'wasInvalidatedBy', { 'prov:activity': 'ledger:activity.retract.c-budgetary' });
    expect(retraction.map((r) => r['prov:entity'])).toEqual(['ledger:claim.c-budgetary', 'ledger:claim.c-budgetary.v1']);
    expect(retraction[0]!['prov:time']).toBe('2021-02-16T10:00:00-05:00');
    expect(relationsOf(parsed, 'wasInvalidatedBy', { 'prov:entity': 'ledger:evidence.e-post' })).toHaveLength(1);
  });

  it('links evidence to its source by use and as its primary source', () => {
    expect(relationsOf(parsed, 'used', { 'prov:activity': 'ledger:activity.attach.e-garf', 'prov:entity': 'ledger:source.garf-r9501-op17' })).toHaveLength(1);
    expect(relationsOf(parsed, 'wasDerivedFrom', { 'prov:generatedEntity': 'ledger:evidence.e-garf', 'prov:usedEntity': 'ledger:source.garf-r9501-op17' })[0]).toMatchObject({
      'prov:type': { $: 'prov:PrimarySource', type: 'prov:QUALIFIED_NAME' },
    });
    // Where a claim was said is its primary source too.
    expect(relationsOf(parsed, 'wasDerivedFrom', { 'prov:generatedEntity': 'ledger:claim.c-budgetary', 'prov:usedEntity': 'ledger:source.post-preston' })).toHaveLength(1);
  });

  it('attributes each contribution to its author and associates it with author and recorder', () => {
    const petrova = 'ledger:person.Анна_20_Петрова';
    expect(parsed.agent[petrova]).toEqual({ 'prov:type': { $: 'prov:Person', type: 'prov:QUALIFIED_NAME' }, 'prov:label': 'Анна Петрова', 'ledger:location': 'Москва' });
    expect(parsed.agent['ledger:principal.editor-1']).toMatchObject({ 'prov:label': 'Ledger Editor' });
    expect(relationsOf(parsed, 'wasAttributedTo', { 'prov:entity': 'ledger:claim.c-fond' })).toEqual([{ 'prov:entity': 'ledger:claim.c-fond', 'prov:agent': petrova }]);
    for (const activity of Object.keys(parsed.activity)) {
      const roles = relationsOf(parsed, 'wasAssociatedWith', { 'prov:activity': activity }).map((r) => (r['prov:role'] as { $: string }).$);
      expect(roles, activity).toEqual(['ledger:author', 'ledger:recorder']);
    }
    expect(parsed.activity['ledger:activity.propose.c-fond']).toMatchObject({
      'prov:type': { $: 'ledger:ProposingClaim', type: 'prov:QUALIFIED_NAME' },
      'prov:startTime': '2021-02-14T12:00:00+03:00',
      'ledger:recordedAt': { $: expect.stringMatching(/^2025-03-01T/), type: 'xsd:dateTime' },
    });
  });

  it('generates every entity of the question by some activity', () => {
    const generated = new Set(relationsOf(parsed, 'wasGeneratedBy').map((r) => r['prov:entity']));
    for (const id of Object.keys(parsed.entity)) expect(generated.has(id), id).toBe(true);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(toProv(buildExportInput()))).toBe(JSON.stringify(doc));
  });

  it('names every id by a one-to-one escape, so two different ids never meet', () => {
    expect(qn('person', 'Silvia Ribelles de la Vega')).toBe('ledger:person.Silvia_20_Ribelles_20_de_20_la_20_Vega');
    expect(qn('claim', 'a/b')).toBe('ledger:claim.a_2F_b');
    expect(qn('claim', 'a.b')).not.toBe(qn('claim', 'a', 'b'));
    expect(qn('claim', 'a_2F_b')).not.toBe(qn('claim', 'a/b'));
    expect(qn('person', '100%')).toBe('ledger:person.100_25_');
  });
});

describe('PROV-JSON export of something said at a partial date', () => {
  it('gives an activity the whole period, and the date as given, never a precise-looking instant', () => {
    expect(occurredAttributes('1947', 'prov:startTime')).toEqual({
      'prov:startTime': '1947-01-01T00:00:00.000Z',
      'prov:endTime': '1947-12-31T23:59:59.999Z',
      'ledger:occurred': { $: '1947', type: 'xsd:gYear' },
    });
    expect(occurredAttributes('1947-02', 'prov:startTime')).toMatchObject({ 'prov:endTime': '1947-02-28T23:59:59.999Z', 'ledger:occurred': { $: '1947-02', type: 'xsd:gYearMonth' } });
    expect(occurredAttributes('1947-02-10', 'prov:time')).toEqual({ 'ledger:occurred': { $: '1947-02-10', type: 'xsd:date' } });
    expect(occurredAttributes('2021-02-10T03:02:00-05:00', 'prov:time')).toEqual({ 'prov:time': '2021-02-10T03:02:00-05:00' });
  });

  it('writes a claim said in February 1947 with that period and no prov:time', () => {
    const input = buildExportInput();
    const claim = input.question.claims.get('c-external')!;
    const first = claim.versions[0]!;
    const partial = { ...claim, versions: [{ ...first, provenance: { ...first.provenance, occurredAt: '1947-02' } }, ...claim.versions.slice(1)] };
    const doc = toProv({ ...input, question: { ...input.question, claims: new Map([...input.question.claims, ['c-external', partial]]) } });
    expect(doc.activity['ledger:activity.propose.c-external']).toMatchObject({
      'prov:startTime': '1947-02-01T00:00:00.000Z',
      'prov:endTime': '1947-02-28T23:59:59.999Z',
      'ledger:occurred': { $: '1947-02', type: 'xsd:gYearMonth' },
    });
    const generation = relationsOf(doc, 'wasGeneratedBy', { 'prov:entity': 'ledger:claim.c-external' })[0]!;
    expect(generation).not.toHaveProperty('prov:time');
    expect(generation['ledger:occurred']).toEqual({ $: '1947-02', type: 'xsd:gYearMonth' });
  });
});
