import { describe, expect, it } from 'vitest';
import { contrast, LABEL_STYLES, LABELS, labelStyle, legendRows, statusStyle } from '../../web/src/labels/palette';

describe('the label palette', () => {
  it('writes every label with AA contrast on its colour', () => {
    for (const label of LABELS) expect(contrast(LABEL_STYLES[label].fill, LABEL_STYLES[label].text), label).toBeGreaterThanOrEqual(4.5);
    const resolved = statusStyle('resolved');
    expect(contrast(resolved.fill, resolved.text)).toBeGreaterThanOrEqual(4.5);
  });

  it('never draws refuted in green, nor two labels alike: colour, shape and glyph each differ', () => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(LABEL_STYLES.refuted.fill.slice(i, i + 2), 16));
    expect(g).toBeLessThan(r);
    expect(g).toBeLessThan(128 + b / 2);
    for (const key of ['fill', 'glyph'] as const) expect(new Set(LABELS.map((l) => LABEL_STYLES[l][key])).size, key).toBe(LABELS.length);
    // Shape and border together tell every label apart without colour.
    expect(new Set(LABELS.map((l) => `${LABEL_STYLES[l].shape}/${LABEL_STYLES[l].border}`)).size).toBe(LABELS.length);
  });

  it('gives the legend one row per label, with counts, and an unknown label its own word', () => {
    const rows = legendRows(new Map([['contested', 15], ['refuted', 1]]));
    expect(rows.map((r) => r.label)).toEqual(['corroborated', 'unverified', 'contested', 'refuted', 'open', 'retracted']);
    expect(rows.find((r) => r.label === 'contested')!.count).toBe(15);
    expect(rows.find((r) => r.label === 'open')!.count).toBe(0);
    expect(labelStyle('disputed-someday').label).toBe('disputed-someday');
  });

  it('computes WCAG contrast as the standard does', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
  });
});
