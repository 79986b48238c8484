import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { parse as parseYaml } from 'yaml';
import { toMarkdown } from '../../../projections/exports/markdown.export';
import { AWKWARD_ONE_LINE, buildAwkwardInput, buildEmptyInput, buildExportInput, fixtureConsensus } from './export-fixture';

// The report is read back with micromark's CommonMark + GFM parser (footnotes included), so the
// checks are on what a Markdown renderer would show, not on the characters written.
function parse(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function text(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(text).join('');
  return '';
}

function all(node: Nodes, type: string): Nodes[] {
  const found: Nodes[] = node.type === type ? [node] : [];
  if ('children' in node) for (const child of node.children as Nodes[]) found.push(...all(child, type));
  return found;
}

/** The nodes after the heading whose text is `title`, up to the next heading of that depth or above. */
function section(root: Root, title: string): RootContent[] {
  const start = root.children.findIndex((n) => n.type === 'heading' && text(n) === title);
  expect(start, `heading "${title}"`).toBeGreaterThanOrEqual(0);
  const depth = (root.children[start] as { depth: number }).depth;
  const rest = root.children.slice(start + 1);
  const end = rest.findIndex((n) => n.type === 'heading' && n.depth <= depth);
  return end === -1 ? rest : rest.slice(0, end);
}

function footnotes(root: Root): Map<string, string> {
  return new Map(all(root, 'footnoteDefinition').map((d) => [(d as { identifier: string }).identifier, text(d)]));
}

describe('markdown export', () => {
  const markdown = toMarkdown(buildExportInput());
  const root = parse(markdown);

  it('opens with a YAML metadata block for pandoc, then the question title and body', () => {
    const block = /^---\n([\s\S]*?)\n\.\.\.\n/.exec(markdown);
    expect(block, 'a YAML block closed by "..."').not.toBeNull();
    const meta = parseYaml(block![1]!) as Record<string, unknown>;
    expect(meta).toMatchObject({
      pagetitle: 'What was the relationship between the Soviet Red Cross, the PCE and the NKVD?',
      'title-meta': 'What was the relationship between the Soviet Red Cross, the PCE and the NKVD?',
      date: '2025-03-01',
      lang: 'en',
      keywords: ['soviet-red-cross', 'nkvd'],
    });
    // No `title`: pandoc would print it above the question's own heading.
    expect(meta).not.toHaveProperty('title');
    const headings = root.children.filter((n) => n.type === 'heading');
    const h1 = headings[0]!;
    expect(h1.type === 'heading' && h1.depth).toBe(1);
    expect(headings.filter((h) => h.type === 'heading' && h.depth === 1)).toHaveLength(1);
    expect(text(h1)).toBe('What was the relationship between the Soviet Red Cross, the PCE and the NKVD?');
    const body = all(root, 'blockquote')[0]!;
    // Asterisks and brackets in the body stay text: no emphasis, no link reference.
    expect(all(body, 'emphasis')).toHaveLength(0);
    expect(text(body)).toContain('a *600-rouble* allowance from the [Red Cross].');
    expect(all(body, 'paragraph')).toHaveLength(2);
  });

  it('gives the computed status, the proof standard, the resolution and their disagreement', () => {
    const status = text({ type: 'root', children: section(root, 'Status') } as Root);
    expect(status).toContain('Computed consensus: contested. Its answers are contested, and the record does not settle it.');
    expect(status).toContain('Proof standard: preponderance (the preponderance of evidence)');
    expect(status).toContain('“The Soviet Red Cross served the NKVD abroad.” It accepts C1, C2.');
    expect(status).toContain('does not agree');
    expect(status).toContain('The resolution accepts C2, which the ledger labels contested, not corroborated.');
    expect(status).toContain('The resolution closes a question the ledger finds contested.');
  });

  it('says the resolution agrees when the consensus bears it out', () => {
    const consensus = fixtureConsensus();
    consensus.status = 'answered';
    consensus.claims[1]!.label = 'corroborated';
    const status = text({ type: 'root', children: section(parse(toMarkdown(buildExportInput(consensus))), 'Status') } as Root);
    expect(status).toContain('the computed consensus agrees with the resolution');
    expect(status).not.toContain('not agree');
  });

  it('says in words that an unverified claim the resolution accepts is not confirmed by the record', () => {
    const consensus = fixtureConsensus();
    consensus.claims[1]!.label = 'unverified';
    const status = text({ type: 'root', children: section(parse(toMarkdown(buildExportInput(consensus))), 'Status') } as Root);
    expect(status).toContain('The resolution accepts C2, which the ledger labels unverified: nothing in the record confirms it.');
  });

  it('groups the claims by label, strongest standing first, each group saying what its label promises', () => {
    const groups = root.children.filter((n) => n.type === 'heading' && n.depth === 3).map(text);
    expect(groups).toEqual(['Corroborated (1)', 'Contested (1)', 'Open (1)', 'Refuted (1)', 'Retracted (1)']);
    const open = text({ type: 'root', children: section(root, 'Open (1)').filter((n) => n.type === 'paragraph') } as Root);
    expect(open).toBe('Not established: nobody has argued for or against them, and nothing in the record confirms them.');
    const consensus = fixtureConsensus();
    consensus.claims[4]!.label = 'unverified';
    const unverified = section(parse(toMarkdown(buildExportInput(consensus))), 'Unverified (1)').filter((n) => n.type === 'paragraph');
    expect(text(unverified[0]!)).toContain('Not established: something speaks for them and nothing succeeds against them, but nothing in the record confirms them.');
  });

  it('gives each claim its kind, author, date, label, strength, grounding, dialectical status and reading', () => {
    const c1 = text({ type: 'root', children: section(root, 'C1 (hypothesis)') } as Root);
    expect(c1).toContain('The Soviet Red Cross was a fully integrated and "infiltrated" branch of the Soviet government.');
    expect(c1).toContain('Label: corroborated · strength 0.71 · grounded in examined evidence · undefeated · stances +0 -0');
    // Eipper was named with his affiliation where the question was asked; later mentions give the name alone.
    expect(c1).toContain('Said by John Eipper, 2021-02-10');
    expect(markdown).toContain('Moderator’s resolution** by John Eipper (WAIS (moderator)), 2021-02-16');
    // The why names the claim and what it rests on by their short names.
    expect(c1).toContain('Why: C1 is corroborated under the preponderance of evidence: it rests on E2, Soviet Relations with Foreign Communist Parties (p. 2), and nothing stands against it.');
    const c4 = text({ type: 'root', children: section(root, 'C4 (background)') } as Root);
    expect(c4).toContain('Фонд Р-9501 не содержит личных дел');
    expect(c4).toContain('Label: refuted · strength 0.35 · not grounded in examined evidence · defeated · stances +0 -0');
    expect(c4).toContain('Анна Петрова (Москва), 2021-02-14');
    const c2 = text({ type: 'root', children: section(root, 'C2 (answer)') } as Root);
    expect(c2).toContain('Leads: 1 cited reference on it nobody has examined yet.');
  });

  it('sets the verbatim passage beside the paraphrase, as text, and says nothing of one for a claim drawn from no text', () => {
    const claims = section(root, 'Claims');
    const items = all({ type: 'root', children: claims } as Root, 'listItem').map(text);
    expect(items.filter((i) => i.startsWith('Verbatim passage:'))).toEqual([
      'Verbatim passage: “I take it for granted that the Soviet Red Cross was a fully integrated and "infiltrated" branch of the Soviet government.”',
    ]);
  });

  it('shows the stances beside every label, and says an open claim is not established', () => {
    const c2 = text({ type: 'root', children: section(root, 'C2 (answer)') } as Root);
    expect(c2).toContain('Label: contested · strength 0.50 · grounded in examined evidence · undecided · stances +2 -1');
    expect(c2).toContain('Stances: endorsed by 2, disputed by 1 (confidence-weighted agreement +0.37).');
    expect(c2).toContain('Why: C2 is contested: C4 “Фонд Р-9501 не содержит личных дел: назначения в Отдел…” stands against it');
    const c5 = text({ type: 'root', children: section(root, 'C5 (hypothesis)') } as Root);
    expect(c5).toContain('Label: open (not established) · strength 0.50 · not grounded in examined evidence · undefeated · stances +0 -1');
    expect(c5).toContain('Stances: endorsed by 0, disputed by 1 (confidence-weighted agreement -0.80).');
    expect(c5).toContain('asserted by John Eipper; nobody has argued for or against it, and nothing in the record confirms it.');
    const c3 = text({ type: 'root', children: section(root, 'C3 (hypothesis)') } as Root);
    expect(c3).toContain('Label: retracted · strength – · stances +1 -0');
    // Every label line of the report carries the stances.
    const labelLines = all(root, 'listItem').map(text).filter((t) => t.startsWith('Label:'));
    expect(labelLines).toHaveLength(5);
    for (const line of labelLines) expect(line).toMatch(/ · stances \+\d+ -\d+$/);
    // That stances never move a strength is said once, in the method note, not under every claim.
    expect(markdown.match(/never move/g)).toHaveLength(1);
  });

  it('keeps the earlier wording of a revised claim and the reason for a retraction', () => {
    const c2 = text({ type: 'root', children: section(root, 'C2 (answer)') } as Root);
    expect(c2).toContain('(reason: names every successor agency). Earlier wording: “The Office of External Relations was headed by a Cheka appointee.”');
    const c3 = text({ type: 'root', children: section(root, 'C3 (hypothesis)') } as Root);
    expect(c3).toContain('Label: retracted · strength –');
    expect(c3).toContain('Retracted by Paul Preston, 2021-02-16, in “Soviet Red Cross and the Spanish Communists (Paul Preston)” (n. 2)');
    expect(c3).toContain('(reason: a feeble hypothesis, as I said)');
  });

  it('lists the relations, rivals and relations to evidence included', () => {
    const relations = section(root, 'Relations').flatMap((n) => all(n, 'listItem')).map(text);
    expect(relations.map((r) => r.split(':')[0])).toEqual(['C2 supports C1', 'C2 rebuts C3', 'C4 undercuts C2', 'C5 competes with C3', 'C4 undercuts E1']);
  });

  it('says how each piece of evidence was verified, and marks a cited one as a lead', () => {
    const evidence = section(root, 'Evidence').flatMap((n) => all(n, 'listItem')).map(text);
    expect(evidence[0]).toContain('Examined when attached.');
    // Recorded by the report's main recorder: said once in the method note, not on the line.
    expect(evidence[1]).toContain('Transcribed by Siobhán Hearne, 2025-02-20 (note: quoted from the CREST scan).');
    expect(markdown).not.toContain('recorded by Ledger Editor');
    expect(markdown).toContain('**Recorded by** Ledger Editor on 2025-03-01');
    // Cited before (E2): the note's number, not a second reference to the note.
    expect(evidence[4]).toContain('E5 supports C2: “Soviet Relations with Foreign Communist Parties” (n. 4), p. 7');
    expect(evidence[4]).toContain('Cited, not yet examined by anyone: a lead to follow, with no weight for or against.');
  });

  it('footnotes every source as a citation, with the archival reference, the CREST number and the DOI', () => {
    const references = all(root, 'footnoteReference').map((r) => (r as { identifier: string }).identifier);
    const definitions = footnotes(root);
    expect(new Set(references)).toEqual(new Set(definitions.keys()));
    // Each note referenced once: pandoc would print a note again for every further reference.
    expect(references).toEqual([...new Set(references)]);
    expect([...definitions.keys()]).toEqual(['1', '2', '3', '4', '5']);

    const evidence = section(root, 'Evidence').flatMap((n) => all(n, 'listItem'));
    const noteOf = (item: Nodes) => definitions.get((all(item, 'footnoteReference')[0] as { identifier: string }).identifier)!;
    expect(text(evidence[0]!)).toContain('E1 supports C2: “Начальник Отдела внешних сношений”');
    expect(text(evidence[0]!)).toContain('Source reliability B (usually reliable). Information credibility 3 (possibly true).');
    expect(noteOf(evidence[0]!)).toBe(
      'Union of Red Cross and Red Crescent Societies of the USSR, “Документы по истории Союза обществ Красного Креста и Красного Полумесяца СССР”, GARF, f. R-9501 (guide entry: 17 inventories, 8,756 storage units, 1918–1992).',
    );
    expect(noteOf(evidence[1]!)).toBe('Central Intelligence Agency, “Soviet Relations with Foreign Communist Parties”, 1954-06-25, CREST CIA-RDP80-00810A004300550004-0.');
    expect(noteOf(evidence[2]!)).toContain('Siobhán Hearne, “Between Moscow and Geneva');
    const doi = all(evidence[2]!, 'footnoteReference')[0] as { identifier: string };
    const definition = all(root, 'footnoteDefinition').find((d) => (d as { identifier: string }).identifier === doi.identifier)!;
    expect(all(definition, 'link').map((l) => (l as { url: string }).url)).toEqual(['https://doi.org/10.1017/S1740022824000184']);
    expect(text(evidence[3]!)).toContain('Withdrawn by Ledger Editor');
  });

  it('shows awkward text as plain text: no emphasis, link, code, HTML or footnote made of it', () => {
    const awkward = parse(toMarkdown(buildAwkwardInput()));
    const quote = section(awkward, 'C4 (background)').find((n) => n.type === 'blockquote')!;
    expect(text(quote)).toBe(AWKWARD_ONE_LINE);
    for (const type of ['emphasis', 'strong', 'link', 'inlineCode', 'html', 'delete', 'footnoteReference']) {
      expect(all(quote, type), type).toHaveLength(0);
    }
    const e2 = section(awkward, 'Evidence').flatMap((n) => all(n, 'listItem'))[1]!;
    expect(text(e2)).toContain(`“${AWKWARD_ONE_LINE}”`);
  });

  it('prints a partial date as given, never as a day or an instant', () => {
    const input = buildExportInput();
    const claim = input.question.claims.get('c-deniability')!;
    claim.versions[0]!.provenance = { ...claim.versions[0]!.provenance, occurredAt: '1947-02' };
    claim.provenance = claim.versions[0]!.provenance;
    const c5 = text({ type: 'root', children: section(parse(toMarkdown(input)), 'C5 (hypothesis)') } as Root);
    expect(c5).toContain('Said by John Eipper, 1947-02');
  });

  it('says where in the record and when the report was made, when the caller gives it', () => {
    const consensus = { ...fixtureConsensus(), position: '158', madeAt: '2026-11-30T09:14:00.000Z', axis: 'occurred' as const, asOf: '2021-02-11' };
    const report = toMarkdown(buildExportInput(consensus));
    expect(report).toContain('*Claims ledger report: the consensus as of 2021-02-11 (when things were said), at ledger position 158; made 2026-11-30 09:14 UTC.*');
    expect(report).toContain('date: "2026-11-30"');
  });

  it('is deterministic', () => {
    expect(toMarkdown(buildExportInput())).toBe(markdown);
  });

  it('reports a question with nothing said yet', () => {
    const empty = toMarkdown(buildEmptyInput());
    expect(empty).toContain('No claim has been made yet.');
    expect(empty).toContain('Moderator’s resolution:** none recorded');
    expect(all(parse(empty), 'footnoteDefinition')).toHaveLength(0);
  });
});
