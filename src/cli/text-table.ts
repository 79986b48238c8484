import Table from 'cli-table3';

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
  /** Each column's width in characters; null lets cli-table3 fit it to its content. */
  widths: (number | null)[];
  align?: ('left' | 'right')[];
  /** Wrap long cells onto further lines (word by word) instead of cutting them with "…". */
  wrap?: boolean;
}

/**
 * cli-table3 lays a table out in time that grows with the square of its rows (each cell is checked
 * against every spanning cell): a thousand-claim question took most of a second. With every column's
 * width fixed, tables of a few dozen rows each line up exactly, so long tables are drawn in pieces.
 */
const ROWS_PER_PIECE = 64;

/**
 * A plain-text table drawn by cli-table3, without colours (its output is read by people and by
 * scripts alike) and with an underlined header. Trailing spaces are trimmed from every line.
 */
export function textTable(options: TextTableOptions, rows: Cell[][]): string {
  const draw = (head: string[], piece: Cell[][]) => {
    const table = new Table({
      head,
      chars: NO_BORDERS,
      style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
      colWidths: options.widths,
      colAligns: options.align ?? [],
      wordWrap: options.wrap ?? false,
      wrapOnWordBoundary: true,
      truncate: '…',
    });
    table.push(...piece);
    return table.toString().split('\n').map((line) => line.trimEnd());
  };
  const fixed = options.widths.every((width) => width !== null);
  const pieces: Cell[][][] = [];
  for (let start = 0; start < rows.length; start += fixed ? ROWS_PER_PIECE : rows.length) pieces.push(rows.slice(start, start + (fixed ? ROWS_PER_PIECE : rows.length)));
  const [headLine, ...firstRows] = draw(options.head, pieces[0] ?? []);
  const lines = [...firstRows, ...pieces.slice(1).flatMap((piece) => draw([], piece))];
  const ruleWidth = Math.max([...headLine!].length, ...lines.map((line) => [...line].length));
  return [headLine!, '─'.repeat(ruleWidth), ...lines].join('\n');
}
