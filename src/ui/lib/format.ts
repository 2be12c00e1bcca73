// Number formatting shared by the feedback views, so the same value reads the same everywhere (and in tests).
import { TAXONOMY } from '../../env/taxonomy.ts';

/** "2.31×", or "—" when there is no speedup. */
export function fmtSpeedup(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${x.toFixed(2)}×`;
}

/** Milliseconds with a precision that suits the magnitude. */
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Seconds from milliseconds, for load times. */
export function fmtSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A score in [0, 1] as "0.73". */
export function fmtScore(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toFixed(2);
}

/** Row counts with thousands separators. */
export function fmtRows(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('en-US');
}

/** Bytes as MB. */
export function fmtMB(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** "yes" / "no" / "unknown" for a tri-state match. */
export function fmtMatch(m: boolean | null | undefined): string {
  return m === true ? 'identical' : m === false ? 'different' : 'not checked';
}

/** An issue type in words ("Correlated subquery evaluated per outer row"); an unknown type keeps its name, spaced. */
export function fmtIssueType(type: string): string {
  return TITLES.get(type) ?? type.replace(/_/g, ' ');
}
const TITLES = new Map(TAXONOMY.flatMap((k) => [[k.type, k.title] as const, ...k.aliases.map((a) => [a, k.title] as const)]));

/** How a result column reads in a preview: a fixed number of decimals (a DECIMAL), dates without a time, or neither. */
export interface CellShape {
  /** decimals every value shows, or null when they vary (a DOUBLE) or are not numbers */
  scale: number | null;
  dateOnly: boolean;
}

/** The shape of each column from the rows a preview shows (no preview: every column unshaped). */
export function cellShapes(preview: { rows: (string | null)[][] } | null, columns: number): CellShape[] {
  const rows = preview?.rows ?? [];
  return Array.from({ length: columns }, (_, j) => {
    const cells = rows.map((r) => r[j]).filter((c): c is string => c !== null && c !== undefined);
    const decimals = cells.map((c) => /^-?\d+\.(\d+)$/.exec(c)?.[1].length ?? -1);
    const scale = cells.length > 0 && decimals.every((d) => d === decimals[0] && d >= 0) ? decimals[0] : null;
    return { scale, dateOnly: cells.length > 0 && cells.every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c)) };
  });
}

/**
 * A cell of the row diff as the preview shows the same value. The diff compares normalised values (exact numbers as
 * DECIMAL(38,10), dates as TIMESTAMP: src/env/fingerprint.ts), so 88.53 arrives as "88.5300000000": the zeros past the
 * column's own decimals go, a DOUBLE loses the grid's last digits, and a date column loses the midnight it was given.
 */
export function fmtDiffCell(cell: string, shape: CellShape | undefined): string {
  // A DOUBLE is compared on a binary grid (relative step 2^-32), so only its first 9 digits are the value's own.
  if (/^-?\d+\.\d+$/.test(cell) && cell.replace(/^-?0*|\./g, '').length > 12) cell = String(Number(Number(cell).toPrecision(9)));
  const dec = /^(-?\d+)\.(\d+)$/.exec(cell);
  if (dec) {
    const keep = shape?.scale ?? 0;
    const frac = dec[2].replace(/0+$/, '').padEnd(keep, '0');
    if (frac.length < dec[2].length) return frac ? `${dec[1]}.${frac}` : dec[1];
    return cell;
  }
  if (shape?.dateOnly && /^\d{4}-\d{2}-\d{2} 00:00:00$/.test(cell)) return cell.slice(0, 10);
  return cell;
}

/** Where a rewrite's rows differ from the original's, in words ("the visible data"), or null when they do not (yet). */
export function wrongOn(r: { results_match: boolean | null; holdout_match: boolean | null }): string | null {
  return r.results_match === false ? 'the visible data' : r.holdout_match === false ? 'the hidden test data' : null;
}
