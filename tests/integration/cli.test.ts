// The `sql-optim-env` command as a user runs it: tasks, eval (inference.py's log lines, --out replay + trajectories,
// a replay played back), calibrate --out, bad usage.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseReplay } from '../../src/replay/format.ts';

const BIN = fileURLToPath(new URL('../../bin/sql-optim-env.mjs', import.meta.url));
const run = (...args: string[]) => promisify(execFile)(process.execPath, [BIN, ...args], { maxBuffer: 64 * 2 ** 20 });

describe('sql-optim-env CLI', () => {
  it('lists the tasks, the five originals first', async () => {
    const { stdout } = await run('tasks', '--json');
    const ids = JSON.parse(stdout).map((t: { id: string }) => t.id);
    expect(ids.slice(0, 5)).toEqual([
      'task_1_basic_antipatterns',
      'task_2_correlated_subqueries',
      'task_3_wildcard_scan',
      'task_4_implicit_join',
      'task_5_window_functions',
    ]);
  });

  let recorded = '';

  it('eval --out writes a valid replay and one trajectory line per step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const { stdout } = await run('eval', '--policy', 'oracle', '--task', 'task_1_basic_antipatterns', '--json', '--out', dir);
    const out = JSON.parse(stdout);
    expect(out.summary).toMatchObject({ episodes: 1, correct: 1 });
    const replay = parseReplay(readFileSync(join(dir, 'replay.json'), 'utf8'));
    expect(replay.policy).toEqual({ name: 'oracle', details: expect.stringMatching(/^submits each task's reference rewrite/) });
    const steps = replay.episodes[0].steps.length;
    expect(steps).toBe(out.episodes[0].steps);
    expect(readFileSync(join(dir, 'trajectories.jsonl'), 'utf8').trim().split('\n')).toHaveLength(steps);
    recorded = join(dir, 'replay.json');
  });

  it("eval prints inference.py's [START], [STEP] and [END] lines, then the scoreboard", async () => {
    const { stdout } = await run('eval', '--policy', 'rules', '--task', 'task_1_basic_antipatterns', '--seed', '4', '--steps', '2');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('[START] task=task_1_basic_antipatterns env=sql-optim-env model=rules');
    const steps = lines.filter((l) => l.startsWith('[STEP]'));
    steps.forEach((l, i) =>
      expect(l).toMatch(
        new RegExp(
          `^\\[STEP\\] step=${i + 1} action=suggestions=3,rewrite=yes,approved=false reward=\\d\\.\\d\\d done=${i === steps.length - 1} error=null$`,
        ),
      ),
    );
    expect(steps.length).toBeLessThanOrEqual(2);
    const rewards = steps.map((l) => /reward=(\S+)/.exec(l)![1]);
    const end = lines[steps.length + 1];
    expect(end).toMatch(/^\[END\] success=true steps=\d score=\d\.\d\d rewards=\S+$/);
    expect(end).toContain(`steps=${steps.length} score=${[...rewards].sort().at(-1)} rewards=${rewards.join(',')}`);
    expect(stdout).toMatch(/scoreboard of policy rules\n(.*\n){2}task_1_basic_antipatterns\s+4\s+\d\s+[\d.]+\s+[\d.]+x\s+\S+\s+yes\s+yes/);
    expect(stdout).toMatch(/mean score [\d.]+, geometric-mean speedup [\d.]+x \(correct episodes\), correct 1\/1, rewritten 1\/1/);
  });

  it('eval --policy replay re-submits a recorded episode, and refuses one it does not have', async () => {
    expect(recorded).not.toBe('');
    const { stdout } = await run('eval', '--policy', 'replay', '--replay', recorded);
    expect(stdout.split('\n')[0]).toBe('[START] task=task_1_basic_antipatterns env=sql-optim-env model=replay');
    expect(stdout).toMatch(/^\[STEP\] step=1 action=suggestions=3,rewrite=yes,approved=false reward=\S+ done=\w+ error=null$/m);
    await expect(run('eval', '--policy', 'replay', '--replay', recorded, '--task', 'task_7_session_events')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/the replay has no episode of task_7_session_events; it has task_1_basic_antipatterns/),
    });
  });

  it('calibrate prints the table and writes JSON', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cal-')), 'cal.json');
    const { stdout } = await run('calibrate', '--task', 'task_1_basic_antipatterns', '--out', file);
    expect(stdout).toMatch(/task_1_basic_antipatterns\s+easy\s+[\d.]+\s+[\d.]+\s+[\d.]+x/);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.rows[0]).toMatchObject({ task_id: 'task_1_basic_antipatterns', main_match: true, holdout_match: true });
  });

  it('explains bad usage and exits 2', async () => {
    await expect(run('eval', '--policy', 'baseline')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /--policy must be one of rules, oracle, llm, replay \("baseline" is gone: rules is the rule-based policy/,
      ),
    });
    await expect(run('eval', '--policy', 'replay')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/the replay policy needs a replay file \(--replay FILE\)/),
    });
    await expect(run('frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown command "frobnicate"/) });
    await expect(run('serve', '--stdio', '--run-deadline', '3600')).rejects.toMatchObject({
      code: 2,
      stderr: 'error: --run-deadline must be a number of seconds from 0.1 to 120 (got "3600")\n',
    });
    await expect(run('eval', '--policy', 'rules', '--deadline-factor', 'x')).rejects.toMatchObject({
      code: 2,
      stderr: 'error: --deadline-factor must be a number from 1 to 100 (got "x")\n',
    });
  });

  it("serve's deadline flags are every episode's deadlines, which state reports", async () => {
    const flags = ['--run-deadline', '20', '--deadline-factor', '20', '--original-deadline', '60', '--diff-deadline', '2.5'];
    const child = spawn(process.execPath, [BIN, 'serve', '--stdio', ...flags]);
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    child.stdin.end(`${JSON.stringify({ id: 1, op: 'state' })}\n`);
    await new Promise((resolve) => child.on('close', resolve));
    expect(JSON.parse(out).result.deadlines).toEqual({ run_ms: 20_000, factor: 20, original_ms: 60_000, diff_ms: 2_500 });
  });
});
