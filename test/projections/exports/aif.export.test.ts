import { toAif, type AifDocument, type AifNode } from '../../../projections/exports/aif.export';
import { buildExportInput } from './export-fixture';

// No AIF validator is published for Node, so the graph is checked for what AIFdb and OVA rely on:
// ids unique, every edge between existing nodes, every scheme node (RA, CA, MA, YA) with premises
// in and a conclusion out, every locution an L node of a known participant.

const SCHEMES = ['RA', 'CA', 'MA', 'YA'];
const AIFDB_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('AIF export', () => {
  const doc = JSON.parse(JSON.stringify(toAif(buildExportInput()))) as AifDocument;
  const byId = new Map(doc.nodes.map((n) => [n.nodeID, n]));
  const iNode = (text: string): AifNode => {
    const found = doc.nodes.filter((n) => n.type === 'I' && n.text === text);
    expect(found, text).toHaveLength(1);
    return found[0]!;
  };
  const outOf = (id: string) => doc.edges.filter((e) => e.fromID === id).map((e) => byId.get(e.toID)!);
  const into = (id: string) => doc.edges.filter((e) => e.toID === id).map((e) => byId.get(e.fromID)!);
  /** The scheme nodes of `type` going from one node to another. */
  const schemesBetween = (from: AifNode, type: string, to: AifNode) => outOf(from.nodeID).filter((s) => s.type === type && outOf(s.nodeID).includes(to));

  it('has unique ids, AIFdb timestamps, and every edge between existing nodes', () => {
    expect(new Set(doc.nodes.map((n) => n.nodeID)).size).toBe(doc.nodes.length);
    expect(new Set(doc.edges.map((e) => e.edgeID)).size).toBe(doc.edges.length);
    for (const n of doc.nodes) expect(n.timestamp, n.nodeID).toMatch(AIFDB_TIME);
    for (const e of doc.edges) {
      expect(byId.has(e.fromID), `edge ${e.edgeID} from ${e.fromID}`).toBe(true);
      expect(byId.has(e.toID), `edge ${e.edgeID} to ${e.toID}`).toBe(true);
    }
  });

  it('gives every RA, CA, MA and YA node at least one edge in and one out, and no I–I edge', () => {
    for (const n of doc.nodes.filter((n) => SCHEMES.includes(n.type))) {
      expect(into(n.nodeID).length, `${n.type} ${n.nodeID} in`).toBeGreaterThanOrEqual(1);
      expect(outOf(n.nodeID).length, `${n.type} ${n.nodeID} out`).toBeGreaterThanOrEqual(1);
    }
    for (const e of doc.edges) expect([byId.get(e.fromID)!.type, byId.get(e.toID)!.type]).not.toEqual(['I', 'I']);
  });

  it('ties every locution to an L node and a participant, said at the original time', () => {
    const participants = new Set(doc.participants.map((p) => p.participantID));
    for (const l of doc.locutions) {
      expect(byId.get(l.nodeID)?.type).toBe('L');
      expect(participants.has(l.personID)).toBe(true);
    }
    expect(doc.nodes.filter((n) => n.type === 'L')).toHaveLength(doc.locutions.length);
    expect(doc.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ firstname: 'Boris', surname: 'Volodarsky' }),
        expect.objectContaining({ firstname: 'Анна', surname: 'Петрова' }),
      ]),
    );
    const petrova = doc.participants.find((p) => p.surname === 'Петрова')!;
    const said = doc.locutions.filter((l) => l.personID === petrova.participantID);
    expect(said.map((l) => l.start)).toEqual(['2021-02-14T12:00:00+03:00']);
    expect(byId.get(said[0]!.nodeID)!.text).toBe('Анна Петрова: Фонд Р-9501 не содержит личных дел: назначения в Отдел внешних сношений по нему не проследить.');
  });

  const c1 = () => iNode('The Soviet Red Cross was a fully integrated and "infiltrated" branch of the Soviet government.');
  const c2 = () => iNode('From 1923 the Office of External Relations was always headed by an officer, agent or collaborator appointed by the Cheka-OGPU-NKVD-KGB.');
  const c3 = () => iNode('The allowance was a budgetary device: the NKVD paid no welfare to foreigners who were not its employees.');
  const c4 = () => iNode('Фонд Р-9501 не содержит личных дел: назначения в Отдел внешних сношений по нему не проследить.');

  it('makes a support I → RA → I and a rebuttal I → CA → I', () => {
    expect(schemesBetween(c2(), 'RA', c1())).toHaveLength(1);
    expect(schemesBetween(c2(), 'CA', c3())).toHaveLength(1);
  });

  it('aims an undercut at the inferences concluding in its target, never at the claim', () => {
    const garf = iNode('Начальник Отдела внешних сношений');
    const cited = iNode('Soviet Relations with Foreign Communist Parties, p. 7');
    const inferences = into(c2().nodeID).filter((n) => n.type === 'RA');
    // From the GARF file and from the cited page of the CIA report.
    expect(inferences).toHaveLength(2);
    expect(inferences.map((ra) => into(ra.nodeID)[0])).toEqual([garf, cited]);
    for (const ra of inferences) expect(schemesBetween(c4(), 'CA', ra).length).toBeGreaterThanOrEqual(1);
    expect(schemesBetween(c4(), 'CA', c2())).toHaveLength(0);
  });

  it('draws a claim undercutting a piece of evidence as a CA on the step from that evidence to its claim', () => {
    const garf = iNode('Начальник Отдела внешних сношений');
    const step = schemesBetween(garf, 'RA', c2());
    expect(step).toHaveLength(1);
    // Once for undercutting C2's inferences, once for undercutting the GARF evidence itself.
    expect(schemesBetween(c4(), 'CA', step[0]!)).toHaveLength(2);
    expect(schemesBetween(c4(), 'CA', garf)).toHaveLength(0);
  });

  it('points every undercut at an RA node and every rebuttal at an I node, so the two are told apart', () => {
    const caTargets = (from: AifNode) => outOf(from.nodeID).filter((n) => n.type === 'CA').flatMap((ca) => outOf(ca.nodeID));
    expect(caTargets(c4()).map((n) => n.type)).toEqual(['RA', 'RA', 'RA']);
    expect(caTargets(c2()).map((n) => n.type)).toEqual(['I']);
  });

  it('makes the unstated inference explicit when the undercut claim has no support in the record', () => {
    const input = buildExportInput();
    const undercut = { id: 'r-extra', fromClaimId: 'c-infiltrated', toClaimId: 'c-deniability', relation: 'undercuts' as const, provenance: input.question.relations[0]!.provenance };
    const extra = toAif({ ...input, question: { ...input.question, relations: [...input.question.relations, undercut] } });
    const ids = new Map(extra.nodes.map((n) => [n.nodeID, n]));
    const out = (id: string) => extra.edges.filter((e) => e.fromID === id).map((e) => ids.get(e.toID)!);
    const deniability = extra.nodes.find((n) => n.type === 'I' && n.text.startsWith('The allowance came through the Red Cross'))!;
    const infiltrated = extra.nodes.find((n) => n.type === 'I' && n.text.startsWith('The Soviet Red Cross was a fully integrated'))!;
    const targets = out(infiltrated.nodeID).filter((n) => n.type === 'CA').flatMap((ca) => out(ca.nodeID));
    expect(targets.map((n) => n.type)).toEqual(['RA']);
    expect(out(targets[0]!.nodeID)).toEqual([deniability]);
    const premise = extra.edges.filter((e) => e.toID === targets[0]!.nodeID).map((e) => ids.get(e.fromID)!).filter((n) => n.type === 'I');
    expect(premise.map((n) => [n.type, n.text])).toEqual([['I', `Grounds not stated in the record, for: ${deniability.text}`]]);
  });

  it('has each piece of evidence asserted by its source’s author, when the source was issued, not by who attached it', () => {
    const cia = iNode('the "Red Cross" channel <used> for party funds & couriers');
    const locutionNodes = into(cia.nodeID).filter((n) => n.type === 'YA').flatMap((ya) => into(ya.nodeID));
    expect(locutionNodes.map((l) => l.text)).toEqual(['Central Intelligence Agency: the "Red Cross" channel <used> for party funds & couriers']);
    const locution = doc.locutions.find((l) => l.nodeID === locutionNodes[0]!.nodeID)!;
    expect(doc.participants.find((p) => p.participantID === locution.personID)).toMatchObject({ firstname: '', surname: 'Central Intelligence Agency' });
    expect(locution.start).toBe('1954-06-25');
    expect(doc.nodes.filter((n) => n.type === 'L' && n.text.startsWith('Ledger Editor:'))).toEqual([]);
  });

  it('models evidence as I nodes: supporting through RA, undermining through CA', () => {
    const cia = iNode('the "Red Cross" channel <used> for party funds & couriers');
    expect(schemesBetween(cia, 'RA', c1())).toHaveLength(1);
    const hearne = iNode('Between Moscow and Geneva: The Soviet Red Cross and the International Red Cross Movement, n. 52');
    expect(schemesBetween(hearne, 'CA', c4())).toHaveLength(1);
  });

  it('keeps an earlier wording, linked to the revised one by a rephrase', () => {
    const v1 = iNode('The Office of External Relations was headed by a Cheka appointee.');
    expect(schemesBetween(v1, 'MA', c2())).toHaveLength(1);
  });

  it('anchors each I node of a wording or evidence in the locution asserting it', () => {
    for (const i of [c1(), c2(), c3(), c4()]) {
      const ya = into(i.nodeID).filter((n) => n.type === 'YA');
      expect(ya.map((n) => n.text)).toEqual(['Asserting']);
      expect(into(ya[0]!.nodeID).map((n) => n.type)).toEqual(['L']);
    }
  });
});
