import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
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

  it('opens with the question title and body', () => {
    const h1 = root.children[0]!;
    expect(h1.type === 'heading' && h1.depth).toBe(1);
    expect(text(h1)).toBe('What was the relationship between the Soviet Red Cross, the PCE and the NKVD?');
    const body = all(root, 'blockquote')[0]!;
    // Asterisks and brackets in the body stay text: no emphasis, no link reference.
    expect(all(body, 'emphasis')).toHaveLength(0);
    expect(text(body)).toContain('a *600-rouble* allowance from the [Red Cross].');
    expect(all(body, 'paragraph')).toHaveLength(2);
  });

  it('gives the computed status, the resolution and their disagreement', () => {
    const status = text({ type: 'root', children: section(root, 'Status') } as Root);
    expect(status).toContain('Computed consensus: contested (as of 2025-03-01T10:00:30.000Z)');
    expect(status).toContain('“The Soviet Red Cross served the NKVD abroad.” It accepts C1, C2.');
    expect(status).toContain('does not agree');
    expect(status).toContain('The resolution accepts C2, which the ledger labels contested.');
    expect(status).toContain('The resolution closes a question the ledger finds contested.');
  });

  it('says the resolution agrees when the consensus bears it out', () => {
    const consensus = fixtureConsensus();
    consensus.status = 'answered';
    consensus.claims[1]!.label = 'accepted';
    const status = text({ type: 'root', children: section(parse(toMarkdown(buildExportInput(consensus))), 'Status') } as Root);
    expect(status).toContain('the computed consensus agrees with the resolution');
    expect(status).not.toContain('not agree');
  });

  it('groups the claims by label, strongest standing first, with kind, author, date, strength and explanation', () => {
    const groups = root.children.filter((n) => n.type === 'heading' && n.depth === 3).map(text);
    expect(groups).toEqual(['Accepted (1)', 'Contested (1)', 'Rejected (1)', 'Retracted (1)']);
    const c1 = text({ type: 'root', children: section(root, 'C1 (hypothesis)') } as Root);
    expect(c1).toContain('The Soviet Red Cross was a fully integrated and "infiltrated" branch of the Soviet government.');
    expect(c1).toContain('Label: accepted · strength 0.71 · grounded in');
    expect(c1).toContain('Said by John Eipper (WAIS (moderator)), 2021-02-10');
    expect(c1).toContain('Why: Supported by C2 (+0.11) and the CIA report (+0.09).');
    const c4 = text({ type: 'root', children: section(root, 'C4 (background)') } as Root);
    expect(c4).toContain('Фонд Р-9501 не содержит личных дел');
    expect(c4).toContain('Label: rejected · strength 0.35 · grounded out');
    expect(c4).toContain('Анна Петрова (Москва), 2021-02-14');
  });

  it('keeps the earlier wording of a revised claim and the reason for a retraction', () => {
    const c2 = text({ type: 'root', children: section(root, 'C2 (answer)') } as Root);
    expect(c2).toContain('(reason: names every successor agency). Earlier wording: “The Office of External Relations was headed by a Cheka appointee.”');
    const c3 = text({ type: 'root', children: section(root, 'C3 (hypothesis)') } as Root);
    expect(c3).toContain('Label: retracted · strength –');
    expect(c3).toContain('Retracted by Paul Preston (London School of Economics, UK), 2021-02-16');
    expect(c3).toContain('(reason: a feeble hypothesis, as I said)');
  });

  it('lists the relations', () => {
    const relations = section(root, 'Relations').flatMap((n) => all(n, 'listItem')).map(text);
    expect(relations.map((r) => r.split(':')[0])).toEqual(['C2 supports C1', 'C2 rebuts C3', 'C4 undercuts C2']);
  });

  it('footnotes every source as a citation, with the archival reference, the CREST number and the DOI', () => {
    const references = all(root, 'footnoteReference').map((r) => (r as { identifier: string }).identifier);
    const definitions = footnotes(root);
    expect(new Set(references)).toEqual(new Set(definitions.keys()));
    expect([...definitions.keys()]).toEqual(['1', '2', '3', '4', '5']);

    const evidence = section(root, 'Evidence').flatMap((n) => all(n, 'listItem'));
    const noteOf = (item: Nodes) => definitions.get((all(item, 'footnoteReference')[0] as { identifier: string }).identifier)!;
    expect(text(evidence[0]!)).toContain('E1 supports C2: “Начальник Отдела внешних сношений”');
    expect(text(evidence[0]!)).toContain('Source reliability B (usually reliable). Information credibility 3 (possibly true).');
    expect(noteOf(evidence[0]!)).toBe(
      'Union of Red Cross and Red Crescent Societies of the USSR, “Документы по истории Союза обществ Красного Креста и Красного Полумесяца СССР”, n.d., GARF, f. R-9501, op. 17, d. 8756.',
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
