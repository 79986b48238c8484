import type { ProvenanceView } from '../../contract/event-metadata';
import { noFieldLeft, shared, StreamedEntries, type Cell } from '../projection';
import type { ClaimTextVersion, ClaimView, EvidenceRelationView, EvidenceView, QuestionView, RelationView, StanceView, VerificationStep } from './question-views';

/**
 * The questions view's snapshot form: each question as one flat list of primitives (strings,
 * numbers, bigints, booleans, null), streamed into the snapshot file a cell at a time
 * (StreamedEntries), instead of its thousands of small records. V8's serializer remembers every
 * object it writes (some 40-70 bytes of native memory each, and the object kept alive, until the
 * serializer is collected; part of that memory the allocator keeps after); it does not remember
 * strings and numbers. Written as records, a million-event ledger's questions were ~3.4 million
 * objects, some 240 MB of resident set after the snapshot. Written so, none; a question's list is
 * garbage as soon as it is written, and the file is half the size (ids of claims and evidence,
 * the current text of a claim, written once).
 *
 * A question's cells: its fields, then its claims, evidence, relations and relations to evidence;
 * a list as its length and then its items; a record as its fields in the order of the view's
 * interface. A person record (owner, participant, recorder, attribution) or a provenance is written
 * in full where it first appears and as its index (a number >= 0) after, so that the records the
 * fold shares (one provenance for the records of one event, of one command) are one record again:
 * - a person: -1 - its field count, then its keys and values in order; read back through
 *   `shared()`, as the fold keeps them;
 * - a provenance: recordedAt (a string: not an index), recorder, attribution, occurredAt (null
 *   when it is recordedAt: the fold then keeps one string), saidIn.
 * Ids a relation or a piece of evidence names are written as the index of the claim or evidence
 * they name in this question (read back as that record's own id string, as the fold keeps them).
 *
 * A question whose records do not have the shapes written here (which the fold never makes) is
 * written as one object cell, as V8 writes any value, and read back as it is, like every question
 * of a snapshot written before this form (a Map of QuestionView records).
 */

/**
 * A question's first cell: which form follows. A change of the form changes it, and bumps the
 * projection's version too, so that the runner rebuilds rather than restore a form it cannot read.
 */
const FORM = 1;

/** The snapshot of the questions Map: each question encoded as the snapshot file writes it. */
export function questionsToSnapshot(questions: Map<string, QuestionView>): StreamedEntries<string, QuestionView> {
  return new StreamedEntries(questions, writeQuestion);
}

/** The questions Map from a snapshot, a question a step: questions in this form are decoded, older ones taken as they are. */
export function* questionsFromSnapshot(questions: Map<string, unknown>): Generator<void, Map<string, QuestionView>, void> {
  const decoded = new Map<string, QuestionView>();
  for (const [id, value] of questions) {
    if (!Array.isArray(value)) decoded.set(id, value as QuestionView);
    else if (value[0] === FORM) decoded.set(id, new Decoder(value as Cell[]).question());
    else if (value.length === 1 && typeof value[0] === 'object' && value[0] !== null) decoded.set(id, value[0] as QuestionView);
    else throw new Error(`the snapshot's question ${id} is in a form this build does not read (${String(value[0])})`);
    // A step a question: a server restoring in the background answers requests between steps.
    yield;
  }
  return decoded;
}

function writeQuestion(question: QuestionView, cell: (cell: unknown) => void): void {
  let cells: Cell[];
  try {
    cells = new Encoder().question(question);
  } catch (error) {
    if (!(error instanceof NotEncodable)) throw error;
    cell(question);
    return;
  }
  // `undefined` ends an entry in the file, and an object would be remembered: neither is a cell.
  for (const value of cells) {
    if (value === undefined || (typeof value === 'object' && value !== null)) {
      cell(question);
      return;
    }
  }
  cell(FORM);
  for (const value of cells) cell(value);
}

/** Thrown when a question holds a record this form does not write; that question is written as it is. */
class NotEncodable extends Error {}

class Encoder {
  private readonly body: Cell[] = [];
  private readonly personIndex = new Map<object, number>();
  private readonly provenanceIndex = new Map<ProvenanceView, number>();
  private claimIndex = new Map<string, number>();
  private evidenceIndex = new Map<string, number>();

  question(question: QuestionView): Cell[] {
    const {
      id,
      title,
      body,
      tags,
      parentQuestionId,
      subQuestionIds,
      status,
      proofStandard,
      proofStandardChanges,
      resolution,
      provenance,
      rewordings,
      claims,
      relations,
      evidenceRelations,
      evidence,
      revision,
      firstPosition,
      lastPosition,
      ...rest
    } = question;
    noFieldLeft(rest);
    const b = this.body;
    b.push(id, title, body);
    this.strings(tags);
    b.push(parentQuestionId);
    this.strings(subQuestionIds);
    b.push(status, proofStandard, proofStandardChanges.length);
    for (const change of proofStandardChanges) {
      const { proofStandard: changed, reason, provenance: changedBy, ...more } = change;
      noFieldLeft(more);
      b.push(changed, reason);
      this.provenance(changedBy);
    }
    if (resolution === null) b.push(null);
    else {
      const { summary, acceptedClaimIds, provenance: resolvedBy, ...more } = resolution;
      noFieldLeft(more);
      // Null stands for no resolution: a summary must be a string (as every such marker below).
      if (typeof summary !== 'string') throw new NotEncodable();
      b.push(summary);
      this.strings(acceptedClaimIds);
      this.provenance(resolvedBy);
    }
    this.provenance(provenance);
    b.push(rewordings.length);
    for (const rewording of rewordings) {
      const { title: newTitle, body: newBody, reason, provenance: rewordedBy, ...more } = rewording;
      noFieldLeft(more);
      // Absent, not undefined: the fold spreads in only the fields the event had.
      if (('title' in rewording && typeof newTitle !== 'string') || ('body' in rewording && typeof newBody !== 'string')) throw new NotEncodable();
      b.push(newTitle ?? null, newBody ?? null, reason);
      this.provenance(rewordedBy);
    }
    b.push(revision, firstPosition, lastPosition, claims.size);
    for (const [claimId, claim] of claims) {
      if (claimId !== claim.id) throw new NotEncodable();
      this.claimIndex.set(claimId, this.claimIndex.size);
      this.claim(claim, id);
    }
    b.push(evidence.size);
    for (const [evidenceId, item] of evidence) {
      if (evidenceId !== item.id) throw new NotEncodable();
      this.evidenceIndex.set(evidenceId, this.evidenceIndex.size);
      this.evidence(item);
    }
    b.push(relations.length);
    for (const relation of relations) this.relation(relation);
    b.push(evidenceRelations.length);
    for (const relation of evidenceRelations) this.evidenceRelation(relation);
    return b;
  }

  private claim(claim: ClaimView, questionId: string): void {
    const { id, questionId: ofQuestion, kind, text, passage, status, owner, provenance, versions, retraction, stances, position, ...rest } = claim;
    noFieldLeft(rest);
    const b = this.body;
    const last = versions[versions.length - 1];
    // Null stands for the question's id and for the last version's text: both must be strings.
    if (typeof ofQuestion !== 'string' || typeof text !== 'string') throw new NotEncodable();
    // The current text is the last version's (one string in the fold): written once.
    b.push(id, ofQuestion === questionId ? null : ofQuestion, kind, last !== undefined && last.text === text ? null : text, passage, status);
    this.person(owner);
    this.provenance(provenance);
    b.push(versions.length);
    for (const version of versions) {
      const { text: worded, reason, provenance: wordedBy, ...more } = version;
      noFieldLeft(more);
      b.push(worded, reason);
      this.provenance(wordedBy);
    }
    if (retraction === null) b.push(null);
    else {
      const { reason, provenance: retractedBy, ...more } = retraction;
      noFieldLeft(more);
      if (typeof reason !== 'string') throw new NotEncodable();
      b.push(reason);
      this.provenance(retractedBy);
    }
    b.push(stances.length);
    for (const stance of stances) {
      const { participant, stance: kind, confidence, provenance: statedBy, ...more } = stance;
      noFieldLeft(more);
      this.person(participant);
      b.push(kind, confidence);
      this.provenance(statedBy);
    }
    b.push(position);
  }

  private evidence(evidence: EvidenceView): void {
    const { id, claimId, sourceId, stance, locator, quote, credibility, verification, verifications, status, owner, provenance, withdrawal, ...rest } = evidence;
    noFieldLeft(rest);
    const b = this.body;
    b.push(id, this.claimRef(claimId), sourceId, stance, locator, quote, credibility, verification, verifications.length);
    for (const step of verifications) {
      const { verification: raised, note, provenance: verifiedBy, ...more } = step;
      noFieldLeft(more);
      b.push(raised, note);
      this.provenance(verifiedBy);
    }
    b.push(status);
    this.person(owner);
    this.provenance(provenance);
    if (withdrawal === null) b.push(null);
    else {
      const { reason, provenance: withdrawnBy, ...more } = withdrawal;
      noFieldLeft(more);
      if (typeof reason !== 'string') throw new NotEncodable();
      b.push(reason);
      this.provenance(withdrawnBy);
    }
  }

  private relation(relation: RelationView): void {
    const { id, fromClaimId, toClaimId, relation: kind, provenance, ...rest } = relation;
    noFieldLeft(rest);
    this.body.push(id, this.claimRef(fromClaimId), this.claimRef(toClaimId), kind);
    this.provenance(provenance);
  }

  private evidenceRelation(relation: EvidenceRelationView): void {
    const { id, fromClaimId, toEvidenceId, relation: kind, provenance, ...rest } = relation;
    noFieldLeft(rest);
    if (typeof toEvidenceId !== 'string') throw new NotEncodable();
    const evidence = this.evidenceIndex.get(toEvidenceId);
    this.body.push(id, this.claimRef(fromClaimId), evidence ?? toEvidenceId, kind);
    this.provenance(provenance);
  }

  /** A claim of this question by its index (read back as its id string), any other id as it is. */
  private claimRef(id: string): number | string {
    if (typeof id !== 'string') throw new NotEncodable();
    return this.claimIndex.get(id) ?? id;
  }

  private strings(list: readonly string[]): void {
    this.body.push(list.length);
    for (const item of list) {
      if (typeof item !== 'string') throw new NotEncodable();
      this.body.push(item);
    }
  }

  /** Writes a person record's index, or the record itself where it first appears. */
  private person(person: object): void {
    const index = this.personIndex.get(person);
    if (index !== undefined) {
      this.body.push(index);
      return;
    }
    if (typeof person !== 'object' || person === null || Array.isArray(person)) throw new NotEncodable();
    this.personIndex.set(person, this.personIndex.size);
    const fields = Object.keys(person);
    this.body.push(-1 - fields.length);
    for (const field of fields) {
      const value = (person as Record<string, unknown>)[field];
      if (typeof value !== 'string') throw new NotEncodable();
      this.body.push(field, value);
    }
  }

  /** Writes a provenance's index, or the provenance itself where it first appears (led by a string). */
  private provenance(provenance: ProvenanceView): void {
    const index = this.provenanceIndex.get(provenance);
    if (index !== undefined) {
      this.body.push(index);
      return;
    }
    const { recordedBy, recordedAt, attributedTo, occurredAt, saidIn, ...rest } = provenance;
    noFieldLeft(rest);
    if (Object.keys(provenance).length !== 5 || typeof occurredAt !== 'string' || typeof recordedAt !== 'string') throw new NotEncodable();
    this.provenanceIndex.set(provenance, this.provenanceIndex.size);
    this.body.push(recordedAt);
    this.person(recordedBy);
    this.person(attributedTo);
    // Same moment: null, read back as the recordedAt string itself (as provenanceOf keeps it).
    this.body.push(occurredAt === recordedAt ? null : occurredAt, saidIn);
  }
}

/** Reads a question's cells in order, each `next()` the following one. */
class Decoder {
  /** After the form's number. */
  private at = 1;
  private readonly people: object[] = [];
  private readonly provenances: ProvenanceView[] = [];
  private readonly claimIds: string[] = [];
  private readonly evidenceIds: string[] = [];

  constructor(private readonly body: readonly Cell[]) {}

  private next<T extends Cell>(): T {
    return this.body[this.at++] as T;
  }

  private person<T>(): T {
    const cell = this.next<number>();
    if (cell >= 0) return this.people[cell] as T;
    const record: Record<string, string> = {};
    for (let fields = -1 - cell; fields > 0; fields--) record[this.next<string>()] = this.next<string>();
    // One record for equal people across questions and views, as the fold keeps them.
    const person = shared(record);
    this.people.push(person);
    return person as T;
  }

  private provenance(): ProvenanceView {
    const cell = this.next<number | string>();
    if (typeof cell === 'number') return this.provenances[cell]!;
    const recordedAt = cell;
    const recordedBy = this.person<ProvenanceView['recordedBy']>();
    const attributedTo = this.person<ProvenanceView['attributedTo']>();
    const occurredAt = this.next<string | null>();
    const provenance: ProvenanceView = { recordedBy, recordedAt, attributedTo, occurredAt: occurredAt ?? recordedAt, saidIn: this.next<string | null>() };
    this.provenances.push(provenance);
    return provenance;
  }

  private strings(): string[] {
    const list: string[] = [];
    for (let n = this.next<number>(); n > 0; n--) list.push(this.next<string>());
    return list;
  }

  private claimRef(): string {
    const ref = this.next<number | string>();
    return typeof ref === 'number' ? this.claimIds[ref]! : ref;
  }

  question(): QuestionView {
    const id = this.next<string>();
    const title = this.next<string>();
    const body = this.next<string>();
    const tags = this.strings();
    const parentQuestionId = this.next<string | null>();
    const subQuestionIds = this.strings();
    const status = this.next<QuestionView['status']>();
    const proofStandard = this.next<QuestionView['proofStandard']>();
    const proofStandardChanges: QuestionView['proofStandardChanges'] = [];
    for (let n = this.next<number>(); n > 0; n--) proofStandardChanges.push({ proofStandard: this.next(), reason: this.next(), provenance: this.provenance() });
    const summary = this.next<string | null>();
    const resolution: QuestionView['resolution'] = summary === null ? null : { summary, acceptedClaimIds: this.strings(), provenance: this.provenance() };
    const provenance = this.provenance();
    const rewordings: QuestionView['rewordings'] = [];
    for (let n = this.next<number>(); n > 0; n--) {
      const newTitle = this.next<string | null>();
      const newBody = this.next<string | null>();
      // The fold's spreads: only the fields the rewording had, in this order.
      rewordings.push({ ...(newTitle !== null ? { title: newTitle } : {}), ...(newBody !== null ? { body: newBody } : {}), reason: this.next(), provenance: this.provenance() });
    }
    const revision = this.next<bigint>();
    const firstPosition = this.next<bigint>();
    const lastPosition = this.next<bigint>();
    const claims = new Map<string, ClaimView>();
    for (let n = this.next<number>(); n > 0; n--) {
      const claim = this.claim(id);
      this.claimIds.push(claim.id);
      claims.set(claim.id, claim);
    }
    const evidence = new Map<string, EvidenceView>();
    for (let n = this.next<number>(); n > 0; n--) {
      const item = this.evidence();
      this.evidenceIds.push(item.id);
      evidence.set(item.id, item);
    }
    const relations: RelationView[] = [];
    for (let n = this.next<number>(); n > 0; n--) relations.push({ id: this.next(), fromClaimId: this.claimRef(), toClaimId: this.claimRef(), relation: this.next(), provenance: this.provenance() });
    const evidenceRelations: EvidenceRelationView[] = [];
    for (let n = this.next<number>(); n > 0; n--) {
      const relationId = this.next<string>();
      const fromClaimId = this.claimRef();
      const to = this.next<number | string>();
      evidenceRelations.push({ id: relationId, fromClaimId, toEvidenceId: typeof to === 'number' ? this.evidenceIds[to]! : to, relation: this.next(), provenance: this.provenance() });
    }
    if (this.at !== this.body.length) throw new Error(`the snapshot's question ${id} has ${this.body.length - this.at} cells left unread`);
    // The fold's key order (QuestionOpened).
    return {
      id,
      title,
      body,
      tags,
      parentQuestionId,
      subQuestionIds,
      status,
      proofStandard,
      proofStandardChanges,
      resolution,
      provenance,
      rewordings,
      claims,
      relations,
      evidenceRelations,
      evidence,
      revision,
      firstPosition,
      lastPosition,
    };
  }

  private claim(questionId: string): ClaimView {
    const id = this.next<string>();
    const ofQuestion = this.next<string | null>();
    const kind = this.next<ClaimView['kind']>();
    const text = this.next<string | null>();
    const passage = this.next<string | null>();
    const status = this.next<ClaimView['status']>();
    const owner = this.person<ClaimView['owner']>();
    const provenance = this.provenance();
    const versions: ClaimTextVersion[] = [];
    for (let n = this.next<number>(); n > 0; n--) versions.push({ text: this.next(), reason: this.next(), provenance: this.provenance() });
    const reason = this.next<string | null>();
    const retraction = reason === null ? null : { reason, provenance: this.provenance() };
    const stances: StanceView[] = [];
    for (let n = this.next<number>(); n > 0; n--) stances.push({ participant: this.person(), stance: this.next(), confidence: this.next(), provenance: this.provenance() });
    return {
      id,
      questionId: ofQuestion ?? questionId,
      kind,
      text: text ?? versions[versions.length - 1]!.text,
      passage,
      status,
      owner,
      provenance,
      versions,
      retraction,
      stances,
      position: this.next<bigint>(),
    };
  }

  private evidence(): EvidenceView {
    const id = this.next<string>();
    const claimId = this.claimRef();
    const sourceId = this.next<string>();
    const stance = this.next<EvidenceView['stance']>();
    const locator = this.next<string | null>();
    const quote = this.next<string | null>();
    const credibility = this.next<EvidenceView['credibility']>();
    const verification = this.next<EvidenceView['verification']>();
    const verifications: VerificationStep[] = [];
    for (let n = this.next<number>(); n > 0; n--) verifications.push({ verification: this.next(), note: this.next(), provenance: this.provenance() });
    const status = this.next<EvidenceView['status']>();
    const owner = this.person<EvidenceView['owner']>();
    const provenance = this.provenance();
    const reason = this.next<string | null>();
    const withdrawal = reason === null ? null : { reason, provenance: this.provenance() };
    return { id, claimId, sourceId, stance, locator, quote, credibility, verification, verifications, status, owner, provenance, withdrawal };
  }
}
