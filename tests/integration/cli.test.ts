// The `sql-optim-env` command as a user runs it: tasks, eval --out (replay + trajectories), calibrate --out, bad usage.
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

  it('eval --out writes a valid replay and one trajectory line per step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const { stdout } = await run('eval', '--policy', 'baseline', '--task', 'task_1_basic_antipatterns', '--json', '--out', dir);
    const out = JSON.parse(stdout);
    expect(out.summary).toMatchObject({ episodes: 1, correct: 1 });
    const replay = parseReplay(readFileSync(join(dir, 'replay.json'), 'utf8'));
    const steps = replay.episodes[0].steps.length;
    expect(steps).toBe(out.episodes[0].steps);
    expect(readFileSync(join(dir, 'trajectories.jsonl'), 'utf8').trim().split('\n')).toHaveLength(steps);
  });

  it('calibrate prints the table and writes JSON', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cal-')), 'cal.json');
    const { stdout } = await run('calibrate', '--task', 'task_1_basic_antipatterns', '--out', file);
    expect(stdout).toMatch(/task_1_basic_antipatterns\s+easy\s+[\d.]+\s+[\d.]+\s+[\d.]+x/);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.rows[0]).toMatchObject({ task_id: 'task_1_basic_antipatterns', main_match: true, holdout_match: true });
  });

  it('explains bad usage and exits 2', async () => {
    await expect(run('eval', '--policy', 'oracle')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--policy must be one of baseline/),
    });
    await expect(run('frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown command "frobnicate"/) });
    await expect(run('serve', '--stdio', '--run-deadline', '3600')).rejects.toMatchObject({
      code: 2,
      stderr: 'error: --run-deadline must be a number of seconds from 0.1 to 120 (got "3600")\n',
    });
    await expect(run('eval', '--policy', 'baseline', '--deadline-factor', 'x')).rejects.toMatchObject({
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
