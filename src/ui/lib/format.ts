// Number formatting shared by the feedback views, so the same value reads the same everywhere (and in tests).

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
