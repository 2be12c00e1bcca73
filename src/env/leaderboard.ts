// The leaderboard: per task, attempts and the best result, where a best is only a credible one (correct everywhere,
// timed enough, not voided, not a no-op) and keeps what is needed to re-run it (`verify`).
import { MIN_PAIRS_FOR_CREDIT } from './grader.ts';
import type { ExecutionResult, LeaderboardRow } from './types.ts';

type Best = NonNullable<LeaderboardRow['best']>;
/** A row as kept; its why_null is derived when it is listed, so a restored row can never carry a stale one. */
type Row = Omit<LeaderboardRow, 'why_null'>;

/** Why a row has no best_correct_speedup (design §5: no bare null figure). */
export const NO_CREDIBLE_STEP =
  `no credible step yet: none was correct on every dataset with at least ${MIN_PAIRS_FOR_CREDIT} timed pairs, ` +
  'a speed not voided, and a plan other than the original';

function withReasons(row: Row): LeaderboardRow {
  return { ...row, why_null: row.best_correct_speedup === null ? { best_correct_speedup: NO_CREDIBLE_STEP } : {} };
}

/** Whether a step's figures may stand as a best: anything else could be luck, noise or a trick. */
export function credible(ex: ExecutionResult): boolean {
  return (
    ex.results_match === true &&
    ex.holdout_match === true &&
    ex.speed_voided === null &&
    !ex.noop &&
    ex.speedup_ci !== null &&
    ex.pairs >= MIN_PAIRS_FOR_CREDIT
  );
}

/** One scored step, as the leaderboard records it. */
export interface Attempt {
  task_id: string;
  seed: number | null;
  step: number;
  optimized_query: string;
  score: number;
  execution: ExecutionResult;
}

export class Leaderboard {
  private readonly rows = new Map<string, Row>();

  record(a: Attempt): void {
    const row: Row = this.rows.get(a.task_id) ?? {
      task_id: a.task_id,
      best_score: 0,
      best_correct_speedup: null,
      attempts: 0,
      correct_attempts: 0,
      success_rate: 0,
      best: null,
    };
    const ex = a.execution;
    row.attempts++;
    if (ex.results_match === true && ex.holdout_match === true) row.correct_attempts++;
    row.success_rate = row.correct_attempts / row.attempts;
    row.best_score = Math.max(row.best_score, a.score);
    if (credible(ex)) {
      // The conservative figure: the interval's lower bound, so one lucky pair never makes a record.
      const lower = ex.speedup_ci![0];
      if (row.best_correct_speedup === null || lower > row.best_correct_speedup) {
        row.best_correct_speedup = lower;
        const best: Best = {
          optimized_query: a.optimized_query,
          seed: a.seed,
          step: a.step,
          score: a.score,
          speedup: ex.speedup!,
          speedup_ci: ex.speedup_ci!,
        };
        row.best = best;
      }
    }
    this.rows.set(a.task_id, row);
  }

  get(taskId: string): LeaderboardRow | undefined {
    const row = this.rows.get(taskId);
    return row && withReasons(row);
  }

  /** Rows in task order (task_2 before task_10). */
  list(): LeaderboardRow[] {
    return [...this.rows.values()].map(withReasons).sort((a, b) => a.task_id.localeCompare(b.task_id, 'en', { numeric: true }));
  }

  replace(rows: LeaderboardRow[]): void {
    this.rows.clear();
    for (const { why_null: _, ...row } of rows) this.rows.set(row.task_id, row);
  }
}

/**
 * A three-way merge for workers that ran at the same time (the HTTP server's pool): `produced` is what a worker made
 * of `base`; `current` is the shared board now, which other workers changed meanwhile. The worker's new attempts are
 * added to `current`, and the better best of the two stands, so no worker's step is lost whichever finished last.
 */
export function mergeLeaderboards(base: LeaderboardRow[], produced: LeaderboardRow[], current: LeaderboardRow[]): LeaderboardRow[] {
  const before = new Map(base.map((r) => [r.task_id, r]));
  const rows = new Map<string, Row>(current.map(({ why_null: _, ...r }) => [r.task_id, r]));
  for (const { why_null: _, ...p } of produced) {
    const b = before.get(p.task_id);
    const c = rows.get(p.task_id);
    if (!c) {
      rows.set(p.task_id, p);
      continue;
    }
    const attempts = c.attempts + p.attempts - (b?.attempts ?? 0);
    const correct = c.correct_attempts + p.correct_attempts - (b?.correct_attempts ?? 0);
    const better = p.best_correct_speedup !== null && (c.best_correct_speedup === null || p.best_correct_speedup > c.best_correct_speedup);
    rows.set(p.task_id, {
      task_id: p.task_id,
      attempts,
      correct_attempts: correct,
      success_rate: attempts === 0 ? 0 : correct / attempts,
      best_score: Math.max(c.best_score, p.best_score),
      best_correct_speedup: better ? p.best_correct_speedup : c.best_correct_speedup,
      best: better ? p.best : c.best,
    });
  }
  const board = new Leaderboard();
  board.replace([...rows.values()].map(withReasons));
  return board.list();
}
