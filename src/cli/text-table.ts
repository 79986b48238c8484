import type TableType from 'cli-table3';

/** No borders: columns two spaces apart, so the output reads in a terminal and greps in a pipe. */
const NO_BORDERS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};
const GAP = NO_BORDERS.middle;
const ELLIPSIS = '…';

/**
 * The width to lay a table out in: the terminal's, or `COLUMNS`, or 120 characters when writing to a
 * pipe or a file (wide enough for a claim's first words beside its label).
 */
export function outputWidth(stream: NodeJS.WriteStream = process.stdout): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const fromEnvironment = Number(process.env.COLUMNS);
  return Number.isInteger(fromEnvironment) && fromEnvironment >= 40 ? fromEnvironment : 120;
}

export type Cell = string | { content: string; colSpan: number };

export interface TextTableOptions {
  head: string[];
  /** Each column's width in characters, fixed: a table is laid out once, never by measuring its cells. */
  widths: number[];
  align?: ('left' | 'right')[];
  /** Wrap long cells onto further lines (word by word) instead of cutting them with "…". */
  wrap?: boolean;
}

/** cli-table3 with the table's options: the header, and any row whose text needs its care. */
function drawWithCliTable3(options: TextTableOptions, head: string[], rows: Cell[][]): string[] {
  // Loaded when a table is drawn: `replay --json` and the JSON and Markdown formats never load it.
  const Table = require('cli-table3') as typeof TableType;
  const table = new Table({
    head,
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colWidths: options.widths,
    colAligns: options.align ?? [],
    wordWrap: options.wrap ?? false,
    wrapOnWordBoundary: true,
    truncate: ELLIPSIS,
  });
  table.push(...rows);
  return table.toString().split('\n');
}

/**
 * Text every character of which is one column wide as cli-table3 measures it (string-width): printable
 * ASCII, Latin, Greek, Cyrillic and the typographic signs the ledger's texts use (dashes, quotes,
 * "…", "−", "↳"). Its width is its length. Anything else (tabs, line breaks, combining marks, CJK,
 * emoji, escape codes) is left to cli-table3.
 */
const ONE_COLUMN_EACH = /^[\x20-\x7e\u00a1-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u203b\u2212\u21b3]*$/;

/** cli-table3's cut (utils.truncate): the text, or its start and "…" within the width. */
const cut = (text: string, width: number) => (text.length <= width ? text : text.slice(0, Math.max(0, width - 1)) + ELLIPSIS);

/** cli-table3's word wrap (utils.wordWrap): words kept whole, a word longer than the width on a line of its own. */
function wordWrap(width: number, text: string): string[] {
  const lines: string[] = [];
  const split = text.split(/(\s+)/g);
  let line: string[] = [];
  let lineLength = 0;
  let space: string | undefined;
  for (let i = 0; i < split.length; i += 2) {
    const word = split[i]!;
    let length = lineLength + word.length;
    if (lineLength > 0 && space) length += space.length;
    if (length > width) {
      if (lineLength !== 0) lines.push(line.join(''));
      line = [word];
      lineLength = word.length;
    } else {
      line.push(space || '', word);
      lineLength = length;
    }
    space = split[i + 1];
  }
  if (lineLength) lines.push(line.join(''));
  return lines;
}

/**
 * One row laid out as cli-table3 lays it out with the widths fixed (so the output is the same,
 * character for character): each cell wrapped or kept on one line, cut with "…" to its width and
 * padded; a cell spanning columns is as wide as they are with one column between each (cli-table3
 * counts one character per border). Undefined when a cell's text is not plain (see ONE_COLUMN_EACH)
 * or the row does not fill the columns: cli-table3 draws that row.
 */
function drawPlainRow(options: TextTableOptions, row: Cell[]): string[] | undefined {
  const cells: { lines: string[]; width: number; align: 'left' | 'right' }[] = [];
  let column = 0;
  for (const cell of row) {
    const content = typeof cell === 'string' ? cell : cell.content;
    const span = typeof cell === 'string' ? 1 : cell.colSpan;
    if (!ONE_COLUMN_EACH.test(content) || column + span > options.widths.length) return undefined;
    const widths = options.widths.slice(column, column + span);
    const sum = widths.reduce((a, b) => a + b, 0);
    cells.push({
      lines: options.wrap ? wordWrap(sum, content) : [content],
      width: sum + span - 1,
      align: options.align?.[column] === 'right' ? 'right' : 'left',
    });
    column += span;
  }
  if (column !== options.widths.length) return undefined;
  const height = Math.max(1, ...cells.map((cell) => cell.lines.length));
  const lines: string[] = [];
  for (let lineNumber = 0; lineNumber < height; lineNumber++) {
    lines.push(
      cells
        .map((cell) => {
          const text = cut(cell.lines[lineNumber] ?? '', cell.width);
          return cell.align === 'right' ? text.padStart(cell.width) : text.padEnd(cell.width);
        })
        .join(GAP),
    );
  }
  return lines;
}

/**
 * A plain-text table without colours (its output is read by people and by scripts alike) and with an
 * underlined header; trailing spaces are trimmed from every line. cli-table3 draws the header and
 * any row with text it must measure (wide characters, escape codes); the plain rows, nearly all, are
 * laid out here the same way from the fixed widths. cli-table3 measures every cell several times
 * (string-width, with its regular expressions built afresh each time) and lays a whole table out in
 * time that grows with the square of its rows: a thousand-claim question took over a second in it,
 * and takes milliseconds here.
 */
export function textTable(options: TextTableOptions, rows: Cell[][]): string {
  const [headLine = ''] = drawWithCliTable3(options, options.head, []);
  const lines: string[] = [];
  for (const row of rows) lines.push(...(drawPlainRow(options, row) ?? drawWithCliTable3(options, [], [row])));
  const trimmed = lines.map((line) => line.trimEnd());
  const head = headLine.trimEnd();
  // Code points, not UTF-16 units: "…" and "↳" are one column each.
  const ruleWidth = trimmed.reduce((widest, line) => Math.max(widest, [...line].length), [...head].length);
  return [head, '─'.repeat(ruleWidth), ...trimmed].join('\n');
}
