import { occurredPeriod } from '../dates/occurred';
import type { ProvenanceView } from '../../contract/event-metadata';
import type { SourceView } from '../sources/sources.projection';
import { archiveReference } from './citation';

/** PROV-JSON's shape, and a builder that keeps a document's ids and relation keys consistent. */
export const LEDGER_NAMESPACE = 'urn:claims-ledger:';

export type ProvLiteral = { $: string; type: string } | { $: string; lang: string };
export type ProvValue = string | number | boolean | ProvLiteral | (string | number | boolean | ProvLiteral)[];
export type ProvRecord = Record<string, ProvValue>;

export const PROV_RELATION_KEYS = [
  'wasGeneratedBy',
  'used',
  'wasInvalidatedBy',
  'wasAssociatedWith',
  'wasAttributedTo',
  'wasDerivedFrom',
  'specializationOf',
] as const;
export type ProvRelationKey = (typeof PROV_RELATION_KEYS)[number];

export type ProvDocument = {
  prefix: Record<string, string>;
  entity: Record<string, ProvRecord>;
  activity: Record<string, ProvRecord>;
  agent: Record<string, ProvRecord>;
} & Partial<Record<ProvRelationKey, Record<string, ProvRecord>>>;

/**
 * A qualified name in the ledger namespace: `ledger:claim.ID`, `ledger:claim.ID.v2`. The local part
 * must be a valid QName local part in every PROV serialisation (an XML NCName in PROV-XML, PN_LOCAL
 * in PROV-N), so no `/`, `%` or space: the parts are joined by `.`, and inside a part every
 * character other than a letter, a digit or `-` is written `_HEX_` (its code point), which keeps the
 * mapping one-to-one (`.` and `_` never occur unescaped inside a part).
 */
export function qn(...parts: string[]): string {
  return `ledger:${parts.map(encodeLocal).join('.')}`;
}

function encodeLocal(part: string): string {
  return Array.from(part, (c) => (/^[\p{L}\p{Nd}-]$/u.test(c) ? c : `_${c.codePointAt(0)!.toString(16).toUpperCase()}_`)).join('');
}

/**
 * An attribute whose value is a qualified name, typed `prov:QUALIFIED_NAME` as the PROV-JSON
 * submission requires (§2.3): typed `xsd:QName`, readers such as python-prov take it for a plain
 * literal, so a derivation typed with it is not recognised as a prov:PrimarySource one.
 */
export function qname(name: string): ProvLiteral {
  return { $: name, type: 'prov:QUALIFIED_NAME' };
}

/**
 * When something was said, in PROV's terms. PROV times are xsd:dateTime instants; a partial date
 * ("1947", "1947-02") is a period, never a precise-looking instant: an activity gets the period's
 * first and last moments as startTime and endTime, and everything gets `ledger:occurred`, the date as
 * given, typed xsd:gYear, xsd:gYearMonth or xsd:date (so "1947" stays a year).
 */
export function occurredAttributes(occurredAt: string, timeKey: 'prov:time' | 'prov:startTime'): ProvRecord {
  const period = occurredPeriod(occurredAt);
  if (!period || period.precision === 'instant') return { [timeKey]: occurredAt };
  const typed: ProvLiteral = { $: occurredAt, type: PARTIAL_DATE_TYPES[period.precision] };
  if (timeKey === 'prov:time') return { 'ledger:occurred': typed };
  return { 'prov:startTime': new Date(period.start).toISOString(), 'prov:endTime': new Date(period.end).toISOString(), 'ledger:occurred': typed };
}

/** A source's `issued` (a partial date) typed by its precision; anything else as a plain string. */
function partialDateLiteral(issued: string): ProvValue {
  const period = occurredPeriod(issued);
  return period && period.precision !== 'instant' ? { $: issued, type: PARTIAL_DATE_TYPES[period.precision] } : issued;
}

/** A date or instant typed by what it is: xsd:dateTime for an instant, xsd:gYear… for a partial date. */
export function dateLiteral(text: string): ProvValue {
  const period = occurredPeriod(text);
  if (period?.precision === 'instant') return { $: text, type: 'xsd:dateTime' };
  return partialDateLiteral(text);
}

const PARTIAL_DATE_TYPES = { year: 'xsd:gYear', month: 'xsd:gYearMonth', day: 'xsd:date' } as const;

export class ProvBuilder {
  private readonly doc: ProvDocument = { prefix: { ledger: LEDGER_NAMESPACE }, entity: {}, activity: {}, agent: {} };
  private readonly counts = new Map<ProvRelationKey, number>();

  entity(id: string, attributes: ProvRecord): void {
    this.doc.entity[id] = { ...(this.doc.entity[id] ?? {}), ...attributes };
  }

  /** A claim named by a relation, evidence or resolution; a dangling id still gets an entity. */
  claimRef(claimId: string): string {
    const id = qn('claim', claimId);
    if (!this.doc.entity[id]) this.entity(id, { 'prov:type': qname('ledger:Claim') });
    return id;
  }

  /** A piece of evidence named by a relation; a dangling id still gets an entity. */
  evidenceRef(evidenceId: string): string {
    const id = qn('evidence', evidenceId);
    if (!this.doc.entity[id]) this.entity(id, { 'prov:type': qname('ledger:Evidence') });
    return id;
  }

  source(sourceId: string, source: SourceView | undefined): void {
    const id = qn('source', sourceId);
    if (!source) {
      this.entity(id, { 'prov:type': qname('ledger:Source') });
      return;
    }
    const ids = source.identifiers;
    this.entity(id, {
      'prov:type': qname('ledger:Source'),
      'prov:label': source.title,
      'ledger:kind': source.kind,
      ...(source.authors.length ? { 'ledger:author': [...source.authors] } : {}),
      ...(source.issued ? { 'ledger:issued': partialDateLiteral(source.issued) } : {}),
      ...(ids.doi ? { 'ledger:doi': ids.doi } : {}),
      ...(ids.isbn ? { 'ledger:isbn': ids.isbn } : {}),
      ...(ids.url ? { 'ledger:url': { $: ids.url, type: 'xsd:anyURI' } } : {}),
      ...(ids.crest ? { 'ledger:crest': ids.crest } : {}),
      ...(ids.archive ? { 'ledger:archiveReference': archiveReference(ids.archive) } : {}),
      // A guide entry describes holdings, never a file: said so, so that no reader takes its counts for a file number.
      ...(ids.archive?.kind === 'guide-entry' ? { 'ledger:archiveReferenceKind': 'guide-entry' } : {}),
      ...(source.reliability ? { 'ledger:reliability': source.reliability } : {}),
    });
    this.generated(id, this.contribution(qn('activity', 'register-source', sourceId), 'RegisteringSource', source.provenance), source.provenance);
  }

  /** An activity for one recorded contribution, associated with its author and its recorder. */
  contribution(id: string, type: string, p: ProvenanceView, extra: ProvRecord = {}): string {
    this.doc.activity[id] = {
      'prov:type': qname(`ledger:${type}`),
      ...occurredAttributes(p.occurredAt, 'prov:startTime'),
      'ledger:recordedAt': { $: p.recordedAt, type: 'xsd:dateTime' },
      ...(p.saidIn ? { 'ledger:saidIn': qname(qn('source', p.saidIn)) } : {}),
      ...extra,
    };
    this.relation('wasAssociatedWith', { 'prov:activity': id, 'prov:agent': this.person(p), 'prov:role': qname('ledger:author') });
    this.relation('wasAssociatedWith', { 'prov:activity': id, 'prov:agent': this.principal(p), 'prov:role': qname('ledger:recorder') });
    return id;
  }

  generated(entity: string, activity: string, p: ProvenanceView): void {
    this.relation('wasGeneratedBy', { 'prov:entity': entity, 'prov:activity': activity, ...occurredAttributes(p.occurredAt, 'prov:time') });
    this.relation('wasAttributedTo', { 'prov:entity': entity, 'prov:agent': this.person(p) });
    if (p.saidIn) {
      const source = qn('source', p.saidIn);
      if (!this.doc.entity[source]) this.entity(source, { 'prov:type': qname('ledger:Source') });
      if (source !== entity) {
        this.relation('wasDerivedFrom', { 'prov:generatedEntity': entity, 'prov:usedEntity': source, 'prov:type': qname('prov:PrimarySource') });
      }
    }
  }

  used(activity: string, entity: string, p: ProvenanceView): void {
    this.relation('used', { 'prov:activity': activity, 'prov:entity': entity, ...occurredAttributes(p.occurredAt, 'prov:time') });
  }

  invalidated(entity: string, activity: string, p: ProvenanceView): void {
    this.relation('wasInvalidatedBy', { 'prov:entity': entity, 'prov:activity': activity, ...occurredAttributes(p.occurredAt, 'prov:time') });
  }

  relation(kind: ProvRelationKey, record: ProvRecord): void {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    (this.doc[kind] ??= {})[`_:${RELATION_ID_PREFIX[kind]}${n}`] = record;
  }

  document(): ProvDocument {
    return this.doc;
  }

  private person(p: ProvenanceView): string {
    const a = p.attributedTo;
    const id = qn('person', a.name);
    this.doc.agent[id] ??= {
      'prov:type': qname('prov:Person'),
      'prov:label': a.name,
      ...(a.affiliation ? { 'ledger:affiliation': a.affiliation } : {}),
      ...(a.location ? { 'ledger:location': a.location } : {}),
    };
    return id;
  }

  private principal(p: ProvenanceView): string {
    const id = qn('principal', p.recordedBy.id);
    // A principal is an account: usually a person's, but the ledger does not know, so no prov:Person.
    this.doc.agent[id] ??= { 'prov:type': qname('ledger:Principal'), 'prov:label': p.recordedBy.name };
    return id;
  }
}

const RELATION_ID_PREFIX: Record<ProvRelationKey, string> = {
  wasGeneratedBy: 'gen',
  used: 'use',
  wasInvalidatedBy: 'inv',
  wasAssociatedWith: 'assoc',
  wasAttributedTo: 'attr',
  wasDerivedFrom: 'der',
  specializationOf: 'spec',
};
