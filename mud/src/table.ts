import { plainLine } from '@aether/shared/protocol';
import { displayWidth, padToWidth, truncateToWidth } from './text-width.js';

/**
 * Plain-text tables for a terminal: columns lined up by display width (wide
 * and combining characters counted as the terminal draws them), every cell
 * one safe line. Pure, so the layouts are pinned down by unit tests.
 */

export interface Column {
  header: string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
  /** Longer cells are cut with … so one long name cannot push the rest off the screen. */
  max?: number;
}

/** Two spaces between columns; an indent in front of every row. */
const GAP = '  ';
const DEFAULT_MAX = 40;

/**
 * The header, a rule under it and one line per row. Cells come from the
 * server (item and creature names, descriptions), so each is made a single
 * printable line first: a line break or an escape sequence in a name must not
 * break the layout or reach the terminal.
 */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const cells = rows.map((row) => columns.map((column, i) => truncateToWidth(plainLine(row[i] ?? ''), column.max ?? DEFAULT_MAX)));
  const widths = columns.map((column, i) => Math.max(displayWidth(column.header), ...cells.map((row) => displayWidth(row[i]!))));
  const line = (row: readonly string[]) =>
    (
      indent + row.map((cell, i) => (i === row.length - 1 && columns[i]!.align !== 'right' ? cell : padToWidth(cell, widths[i]!, columns[i]!.align))).join(GAP)
    ).trimEnd();
  return [line(columns.map((column) => column.header)), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)];
}
