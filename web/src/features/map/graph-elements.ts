import type { Moment } from '../../api/client';
import type { Consensus, QuestionDetail, RelationKind } from '../../api/types';
import { includedAt } from '../../app/moment';
import { labelStyle } from '../../labels/palette';

/** A cytoscape element definition, kept to what the map uses (so this file needs no cytoscape import). */
export interface MapElement {
  group: 'nodes' | 'edges';
  data: Record<string, unknown> & { id: string };
  classes: string;
}

export const RELATION_KINDS: readonly RelationKind[] = ['supports', 'rebuts', 'undercuts', 'competes'];

const ellipsis = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
const number = (value: number | null) => (value === null ? '–' : value.toFixed(2));

/**
 * The argument map of a question as graph elements: every live claim of the consensus (as of its
 * moment) and every piece of evidence as nodes; claim-to-claim relations, evidence-to-claim stances
 * and claim-to-evidence relations (source criticism) as edges. Evidence only cited (nobody has read
 * it) is drawn as a lead: its node and edge are marked `lead`. Relations are taken from the question
 * as it is now and kept only when both ends are on the map and the relation had been made by the
 * moment (`positions` gives each relation's event position, for moments given as a position).
 */
export function graphElements(question: QuestionDetail, consensus: Consensus, moment?: Moment, positions?: ReadonlyMap<string, string>): MapElement[] {
  const elements: MapElement[] = [];
  const onMap = new Set<string>();
  for (const claim of consensus.claims) {
    if (claim.label === 'retracted') continue;
    const style = labelStyle(claim.label);
    onMap.add(claim.id);
    const { endorse, dispute } = claim.stances;
    elements.push({
      group: 'nodes',
      data: {
        id: claim.id,
        kind: 'claim',
        label: claim.label,
        strength: claim.strength,
        author: claim.author,
        text: claim.text,
        // What the node says: the label's glyph and word, the strength and the stances, then the claim.
        caption: `${style.glyph} ${claim.label} · ${number(claim.strength)} · ▲${endorse} ▼${dispute}\n${ellipsis(claim.text, 90)}`,
        summary: `${claim.label}, strength ${number(claim.strength)}, ${endorse} endorse, ${dispute} dispute: ${claim.text}`,
        fill: style.fill,
        color: style.text,
        shape: style.shape,
        border: style.border,
      },
      classes: `claim label-${claim.label}`,
    });
  }
  for (const evidence of consensus.evidence) {
    if (!onMap.has(evidence.claimId)) continue;
    const lead = evidence.verification === 'cited';
    const title = evidence.sourceTitle ?? 'a source';
    onMap.add(evidence.id);
    elements.push({
      group: 'nodes',
      data: {
        id: evidence.id,
        kind: 'evidence',
        verification: evidence.verification,
        weight: evidence.weight,
        caption: `${lead ? '◌ lead (cited, not read)' : `▣ ${evidence.verification}`} · ${number(evidence.weight)}\n${ellipsis(title, 70)}`,
        summary: `${lead ? 'lead, cited but not examined' : `evidence, ${evidence.verification}`}: ${title}${evidence.locator ? `, ${evidence.locator}` : ''}`,
      },
      classes: `evidence${lead ? ' lead' : ''}`,
    });
    elements.push({
      group: 'edges',
      data: { id: `${evidence.id}->${evidence.claimId}`, source: evidence.id, target: evidence.claimId, relation: evidence.stance },
      classes: `rel-${evidence.stance}${lead ? ' lead' : ''}`,
    });
  }
  for (const relation of question.relations) {
    if (!onMap.has(relation.fromClaimId) || !onMap.has(relation.toClaimId)) continue;
    if (!includedAt(relation.provenance, moment, positions?.get(relation.id))) continue;
    elements.push({
      group: 'edges',
      data: { id: relation.id, source: relation.fromClaimId, target: relation.toClaimId, relation: relation.relation },
      classes: `rel-${relation.relation}`,
    });
  }
  for (const relation of question.evidenceRelations) {
    if (!onMap.has(relation.fromClaimId) || !onMap.has(relation.toEvidenceId)) continue;
    if (!includedAt(relation.provenance, moment, positions?.get(relation.id))) continue;
    elements.push({
      group: 'edges',
      data: { id: relation.id, source: relation.fromClaimId, target: relation.toEvidenceId, relation: relation.relation },
      classes: `rel-${relation.relation} on-evidence`,
    });
  }
  return elements;
}

/** The counts of each label among the claims on the map, for the legend. */
export function labelCounts(consensus: Consensus): Map<string, number> {
  const counts = new Map<string, number>();
  for (const claim of consensus.claims) counts.set(claim.label, (counts.get(claim.label) ?? 0) + 1);
  return counts;
}
