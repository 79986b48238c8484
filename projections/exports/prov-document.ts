import type { ProvenanceView } from '../projection';
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

/** A qualified name in the ledger namespace; each local part percent-encoded so any id is a valid name. */
export function qn(...parts: string[]): string {
  return `ledger:${parts.map(encodeLocal).join('/')}`;
}

function encodeLocal(part: string): string {
  return encodeURIComponent(part).replace(/[!'()*.~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An attribute whose value is a qualified name, typed as the submission says (§3.1.2). */
export function qname(name: string): ProvLiteral {
  return { $: name, type: 'xsd:QName' };
}

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
      ...(source.issued ? { 'ledger:issued': source.issued } : {}),
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
      'prov:startTime': p.occurredAt,
      'ledger:recordedAt': { $: p.recordedAt, type: 'xsd:dateTime' },
      ...(p.saidIn ? { 'ledger:saidIn': qname(qn('source', p.saidIn)) } : {}),
      ...extra,
    };
    this.relation('wasAssociatedWith', { 'prov:activity': id, 'prov:agent': this.person(p), 'prov:role': qname('ledger:author') });
    this.relation('wasAssociatedWith', { 'prov:activity': id, 'prov:agent': this.principal(p), 'prov:role': qname('ledger:recorder') });
    return id;
  }

  generated(entity: string, activity: string, p: ProvenanceView): void {
    this.relation('wasGeneratedBy', { 'prov:entity': entity, 'prov:activity': activity, 'prov:time': p.occurredAt });
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
    this.relation('used', { 'prov:activity': activity, 'prov:entity': entity, 'prov:time': p.occurredAt });
  }

  invalidated(entity: string, activity: string, p: ProvenanceView): void {
    this.relation('wasInvalidatedBy', { 'prov:entity': entity, 'prov:activity': activity, 'prov:time': p.occurredAt });
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
