// The command line's per-run deadlines (--run-deadline, --deadline-factor, --original-deadline, --diff-deadline):
// seconds for people, checked against the very bounds of reset's `deadlines` (types.ts), and handed to the executor as
// the session's defaults, which every episode keeps unless it chooses its own at reset.
import { DEFAULT_EXECUTOR, type ExecutorOptions } from '../env/executor.ts';
import { DEADLINE_LIMITS, Deadlines } from '../env/types.ts';

type Field = keyof Deadlines;

/** Each flag, the wire field it sets, the executor option it becomes, and whether it is given in seconds. */
export const DEADLINE_FLAGS = {
  'run-deadline': { field: 'run_ms', option: 'runDeadlineMs', seconds: true },
  'deadline-factor': { field: 'factor', option: 'deadlineFactor', seconds: false },
  'original-deadline': { field: 'original_ms', option: 'originalDeadlineMs', seconds: true },
  'diff-deadline': { field: 'diff_ms', option: 'diffDeadlineMs', seconds: true },
} as const satisfies Record<string, { field: Field; option: keyof ExecutorOptions; seconds: boolean }>;
export type DeadlineFlag = keyof typeof DEADLINE_FLAGS;

// Plain decimals only: Number('') is 0 and Number('0x10') is 16, so a typo would otherwise become a deadline.
const DECIMAL = /^\+?(\d+\.?\d*|\.\d+)$/;

/** What a flag accepts, in the unit it is typed in. */
function range(flag: DeadlineFlag): string {
  const { field, seconds } = DEADLINE_FLAGS[flag];
  const { min, max } = DEADLINE_LIMITS[field];
  return seconds ? `a number of seconds from ${min / 1000} to ${max / 1000}` : `a number from ${min} to ${max}`;
}

/** "(default 5; 0.1 to 120)" for the help, from the executor's defaults and the bounds. */
export function defaultAndRange(flag: DeadlineFlag): string {
  const { field, option, seconds } = DEADLINE_FLAGS[flag];
  const { min, max } = DEADLINE_LIMITS[field];
  const unit = seconds ? 1000 : 1;
  return `(default ${DEFAULT_EXECUTOR[option] / unit}; ${min / unit} to ${max / unit})`;
}

/** The executor options the given flags set, or the message for the first bad one (the caller exits 2 with it). */
export function deadlineOptions(
  values: Partial<Record<DeadlineFlag, string>>,
): { ok: true; executor: Partial<ExecutorOptions> } | { ok: false; message: string } {
  const executor: Partial<ExecutorOptions> = {};
  for (const flag of Object.keys(DEADLINE_FLAGS) as DeadlineFlag[]) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const { field, option, seconds } = DEADLINE_FLAGS[flag];
    const value = DECIMAL.test(raw.trim()) ? Number(raw) * (seconds ? 1000 : 1) : NaN;
    // Milliseconds are whole on the wire; a rounded value is then checked like any reset's.
    const parsed = Deadlines.shape[field].safeParse(seconds ? Math.round(value) : value);
    if (!parsed.success) return { ok: false, message: `--${flag} must be ${range(flag)} (got ${JSON.stringify(raw)})` };
    executor[option] = parsed.data;
  }
  return { ok: true, executor };
}
