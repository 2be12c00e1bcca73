// The inference.py log lines, character for character: harnesses parse them.
import { describe, expect, it } from 'vitest';
import type { Observation, StepResult } from '../env/types.ts';
import type { StepRecord } from '../policies/runner.ts';
import { type EpisodeReport, endLine, startLine, stepLine } from './eval.ts';

const observation = { sql_query: 'SELECT 1' } as Observation;
const action = { suggestions: [], optimized_query: 'SELECT 2', summary: '', estimated_improvement: '', approved: false };
const result = (score: number, done: boolean) => ({ reward: { score }, done }) as StepResult;

describe('inference.py lines', () => {
  it('[START]', () => {
    expect(startLine('task_7_session_events', 'rules')).toBe('[START] task=task_7_session_events env=sql-optim-env model=rules');
  });

  it('[STEP] of a spent step, of a null decision and of an environment error', () => {
    const spent: StepRecord = { attempt: 2, observation, decision: { action }, result: result(0.8912, false), error: null };
    expect(stepLine(spent, false)).toBe('[STEP] step=2 action=suggestions=0,rewrite=yes,approved=false reward=0.89 done=false error=null');
    const refused: StepRecord = {
      attempt: 3,
      observation,
      decision: { action: null, reason: 'no JSON\nin the reply' },
      result: null,
      error: { from: 'policy', code: 'NO_ACTION', message: 'no JSON\nin the reply' },
    };
    expect(stepLine(refused, true)).toBe('[STEP] step=3 action=none reward=0.00 done=true error=no JSON in the reply');
    const failed: StepRecord = {
      attempt: 1,
      observation,
      decision: { action: { ...action, optimized_query: 'SELECT 1' } },
      result: null,
      error: { from: 'env', code: 'TIMEOUT', message: 'TIMEOUT: step did not finish within 60 s' },
    };
    expect(stepLine(failed, false)).toBe(
      '[STEP] step=1 action=suggestions=0,rewrite=no,approved=false reward=0.00 done=false error=TIMEOUT: step did not finish within 60 s',
    );
  });

  it('[END]: success is a best score of at least 0.5, rewards with two decimals', () => {
    const report = { attempts: 3, best_score: 0.5, rewards: [0.1234, 0.5, 0] } as EpisodeReport;
    expect(endLine(report)).toBe('[END] success=true steps=3 score=0.50 rewards=0.12,0.50,0.00');
    expect(endLine({ ...report, best_score: 0.4999, rewards: [] })).toBe('[END] success=false steps=3 score=0.50 rewards=');
  });
});
