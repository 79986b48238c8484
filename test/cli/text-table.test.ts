import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { oneLineCut } from '../../src/cli/consensus-table';
import { textTable, type Cell, type TextTableOptions } from '../../src/cli/text-table';

/**
 * textTable lays plain rows out itself (cli-table3 is slow on long tables) and must give exactly what
 * cli-table3 gives for the whole table: checked here on rows drawn at random, with words and spaces
 * of every length, cells to cut, wrap and span, and texts cli-table3 must still measure itself.
 */
function cliTable3(options: TextTableOptions, rows: Cell[][]): string {
  const table = new Table({
    head: options.head,
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colWidths: options.widths,
    colAligns: options.align ?? [],
    wordWrap: options.wrap ?? false,
    wrapOnWordBoundary: true,
    truncate: '…',
  });
  table.push(...rows);
  const [head, ...lines] = table.toString().split('\n').map((line) => line.trimEnd());
  const ruleWidth = Math.max([...head!].length, ...lines.map((line) => [...line].length));
  return [head, '─'.repeat(ruleWidth), ...lines].join('\n');
}

/** A small deterministic generator (mulberry32): the same rows on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAIN_WORDS = ['a', 'Soviet', 'Красный', 'Cruz', 'Soviética', '“quoted”', '…', '−0.25', '↳', 'x'.repeat(30), 'GARF, f. R-9501', '+2', '–', 'Ωμέγα'];
/** Texts cli-table3 has to measure: wide characters, emoji, combining marks, tabs, line breaks, colour codes. */
const ODD_WORDS = ['日本語', '👍', 'e\u0301', 'tab\there', 'two\nlines', '\u001b[31mred\u001b[39m', '\u00a0nbsp'];

function text(next: () => number, odd: boolean): string {
  const words: string[] = [];
  const count = Math.floor(next() * 12);
  for (let i = 0; i < count; i++) {
    const pool = odd && next() < 0.2 ? ODD_WORDS : PLAIN_WORDS;
    words.push(pool[Math.floor(next() * pool.length)]!);
  }
  // Runs of one to three spaces between words, and now and then at either end.
  return words.join(' '.repeat(1 + Math.floor(next() * 3))) + (next() < 0.1 ? ' ' : '');
}

function table(seed: number, wrap: boolean, odd: boolean): { options: TextTableOptions; rows: Cell[][] } {
  const next = random(seed);
  const widths = [8, 1 + Math.floor(next() * 12), 5, 3 + Math.floor(next() * 40)];
  const options: TextTableOptions = { head: ['id', 'label', 'strength', 'text'], widths, align: ['left', 'left', 'right', 'left'], wrap };
  const rows: Cell[][] = [];
  for (let i = 0; i < 30; i++) {
    rows.push([text(next, odd), text(next, odd), next().toFixed(2), text(next, odd)]);
    if (next() < 0.5) rows.push(['', { content: `why: ${text(next, odd)}`, colSpan: 3 }]);
  }
  return { options, rows };
}

describe('textTable', () => {
  for (const wrap of [false, true]) {
    it(`lays plain rows out exactly as cli-table3 does${wrap ? ', wrapped' : ', cut to one line'}`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const { options, rows } = table(seed, wrap, false);
        expect(textTable(options, rows), `seed ${seed}`).toBe(cliTable3(options, rows));
      }
    });

    it(`leaves rows with wide characters, marks, tabs, breaks or colours to cli-table3${wrap ? ', wrapped' : ''}`, () => {
      for (let seed = 101; seed <= 106; seed++) {
        const { options, rows } = table(seed, wrap, true);
        expect(textTable(options, rows), `seed ${seed}`).toBe(cliTable3(options, rows));
      }
    });
  }

  it('cuts a long cell with "…" to its column and right-aligns where asked', () => {
    const out = textTable({ head: ['id', 'n', 'text'], widths: [4, 3, 10], align: ['left', 'right', 'left'] }, [['abcdefg', '7', 'a text much longer than ten']]);
    expect(out.split('\n')).toEqual(['id      n  text', '─'.repeat(21), 'abc…    7  a text mu…']);
  });
});

describe('oneLineCut', () => {
  /** What it must equal: the whole text flattened, then cut with "…". */
  const whole = (text: string, room: number) => {
    const flat = text.replace(/\s+/g, ' ');
    return flat.length <= room ? flat : `${flat.slice(0, room - 1)}…`;
  };

  it('gives the cut of the whole text flattened, however much white space it holds and wherever', () => {
    const next = random(7);
    const spaces = [' ', '  ', '\n', '\n\n   \t', ' '.repeat(50)];
    for (let i = 0; i < 2000; i++) {
      const parts: string[] = [];
      const count = Math.floor(next() * 40);
      for (let j = 0; j < count; j++) parts.push(next() < 0.5 ? PLAIN_WORDS[Math.floor(next() * PLAIN_WORDS.length)]! : spaces[Math.floor(next() * spaces.length)]!);
      const text = parts.join('');
      const room = 5 + Math.floor(next() * 60);
      expect(oneLineCut(text, room), JSON.stringify({ text, room })).toBe(whole(text, room));
    }
  });
});
