// Plain-text tables for the terminal.

/** Left-aligned columns separated by two spaces, with a rule under the header. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, j) => c.padEnd(widths[j]))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const fmt = {
  ms: (x: number | null | undefined) => (x == null ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(1)),
  x: (x: number | null | undefined) => (x == null ? '-' : `${x.toFixed(2)}x`),
  ci: (ci: [number, number] | null | undefined) => (ci ? `${ci[0].toFixed(2)}-${ci[1].toFixed(2)}` : '-'),
  yes: (b: boolean | null | undefined) => (b == null ? '-' : b ? 'yes' : 'NO'),
};
