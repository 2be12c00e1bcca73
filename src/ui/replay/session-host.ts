// Re-running a replay in the app: its engine executes each step's rewrite, without touching the person's episode
// unless they agree to start the replay's task variant.
import type { ExecutionResult, Response } from '../../env/types.ts';
import type { ReplayEpisode } from '../../replay/format.ts';
import { taskText } from '../lib/static-tasks.ts';
import type { Session } from '../state/session.svelte.ts';
import type { RerunHost, VariantCheck } from './rerun.ts';

/** The app's engine as a RerunHost. */
export function sessionHost(session: Session): RerunHost {
  return {
    blocked: () => (session.ready ? null : 'The engine is still starting; re-run once it is ready.'),
    describe() {
      const s = session.boot.status;
      return s.kind === 'ready'
        ? `DuckDB ${s.info.engine_version}, dataset seed ${s.info.seed} at scale ${s.info.scale}`
        : 'the engine is starting';
    },
    variant: (ep) => variantOf(session, ep),
    reset: (task_id, seed) => session.client.call('reset', { task_id, seed }, 'rerun'),
    // Tagged as a re-run: it is not the person's Run, so the page's "last Run" panel keeps what it showed.
    execute: (task_id, optimized_query) =>
      session.client.call('execute', { task_id, optimized_query }, 'rerun') as Promise<Response<ExecutionResult>>,
  };
}

/** execute() compares against the current episode's variant of a task, or the canonical one (environment.ts). */
function variantOf(session: Session, ep: ReplayEpisode): VariantCheck {
  const current = session.episode;
  const seedNow = current?.task_id === ep.task_id ? current.seed : null;
  const now = taskText(ep.task_id, seedNow);
  if (!now)
    return {
      kind: 'unavailable',
      message: `This version of sql-optim-env has no task “${ep.task_id}”, so its steps cannot be re-run here.`,
    };
  if (now.original === ep.original_query) return { kind: 'same' };
  if (taskText(ep.task_id, ep.seed)?.original === ep.original_query) {
    const losing = current?.task_id
      ? ` This ends your current episode (${current.task_id}, step ${current.step_count}); the leaderboard keeps its scores.`
      : '';
    return {
      kind: 'reset',
      message: `This replay used variant seed ${ep.seed} of ${ep.task_id}; re-running needs an episode of that variant.${losing}`,
    };
  }
  return {
    kind: 'unavailable',
    message: `The original query of ${ep.task_id} in this replay differs from this version's, so re-running would compare against a different query.`,
  };
}
