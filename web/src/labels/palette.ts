import type { Label } from '../api/types';

/**
 * How each label is drawn: the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies), never green for refuted, and never by colour alone: every label also has its own
 * node shape, border and glyph, and its word is written on the node and in the legend.
 * Text colours are chosen for WCAG AA contrast on their fill (4.5:1 or better).
 */
export interface LabelStyle {
  label: Label;
  fill: string;
  text: string;
  /** A cytoscape node shape. */
  shape: 'round-rectangle' | 'rectangle' | 'cut-rectangle' | 'octagon' | 'round-tag' | 'barrel';
  border: 'solid' | 'dashed' | 'dotted' | 'double';
  glyph: string;
  /** What the label means, for the legend (docs/consensus.md). */
  meaning: string;
}

export const LABELS: readonly Label[] = ['corroborated', 'unverified', 'contested', 'refuted', 'open', 'retracted'];

export const LABEL_STYLES: Readonly<Record<Label, LabelStyle>> = {
  corroborated: {
    label: 'corroborated',
    fill: '#009E73',
    text: '#000000',
    shape: 'round-rectangle',
    border: 'double',
    glyph: '✔',
    meaning: 'its support bottoms out in evidence somebody has examined, and it clears the proof standard',
  },
  unverified: {
    label: 'unverified',
    fill: '#56B4E9',
    text: '#000000',
    shape: 'rectangle',
    border: 'solid',
    glyph: '?',
    meaning: 'asserted: nothing in the record confirms it',
  },
  contested: {
    label: 'contested',
    fill: '#E69F00',
    text: '#000000',
    shape: 'cut-rectangle',
    border: 'dashed',
    glyph: '±',
    meaning: 'something stands against it, or what grounds it falls short of the proof standard',
  },
  refuted: {
    label: 'refuted',
    fill: '#D55E00',
    text: '#000000',
    shape: 'octagon',
    border: 'double',
    glyph: '✘',
    meaning: 'examined evidence defeats it',
  },
  open: {
    label: 'open',
    fill: '#E8E8E8',
    text: '#000000',
    shape: 'round-rectangle',
    border: 'dotted',
    glyph: '○',
    meaning: 'nothing bears on it yet',
  },
  retracted: {
    label: 'retracted',
    fill: '#6B6B6B',
    text: '#FFFFFF',
    shape: 'barrel',
    border: 'dotted',
    glyph: '⊘',
    meaning: 'withdrawn by its author or a moderator; kept in the record',
  },
};

/** The style of a label; an unknown label (a newer server) is drawn as open, with its own word. */
export function labelStyle(label: string): LabelStyle {
  return (LABEL_STYLES as Record<string, LabelStyle>)[label] ?? { ...LABEL_STYLES.open, label: label as Label, meaning: label };
}

/** A question's status is a label or `resolved`; resolved is drawn in the palette's blue. */
export function statusStyle(status: string): { fill: string; text: string; glyph: string } {
  if (status === 'resolved') return { fill: '#0072B2', text: '#FFFFFF', glyph: '■' };
  const style = labelStyle(status);
  return { fill: style.fill, text: style.text, glyph: style.glyph };
}

/** The legend: one row per label, in order, with the counts of a consensus when given. */
export function legendRows(counts: ReadonlyMap<string, number> = new Map()): (LabelStyle & { count: number })[] {
  return LABELS.map((label) => ({ ...LABEL_STYLES[label], count: counts.get(label) ?? 0 }));
}

/** WCAG relative luminance of a #RRGGBB colour. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG contrast ratio of two #RRGGBB colours (1–21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
