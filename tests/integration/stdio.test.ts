// `npx sql-optim-env serve --stdio` as a child process: answers in order, reports bad lines with id null, exits at end of input.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/sql-optim-env.mjs', import.meta.url));

function serve(lines: string[]): Promise<{ code: number | null; out: Record<string, unknown>[]; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, 'serve', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) =>
      resolve({
        code,
        err,
        out: out
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      }),
    );
    p.stdin.end(lines.join('\n') + '\n');
  });
}

describe('serve --stdio', () => {
  it('answers every line in order and exits 0 at end of input', async () => {
    const { code, out, err } = await serve([
      '{"id": 1, "op": "tasks"}',
      '{"id": "a", "op": "step", "action": {"optimized_query": "SELECT 1"}}',
      'this is not json',
      '{"id": 2, "op": "reset", "task_id": "task_1_basic_antipatterns"}',
      '{"id": 3, "op": "grade", "action": {"optimized_query": "SELECT 1; DROP TABLE orders"}}',
      '{"id": 4, "op": "nope"}',
      '[]',
      '{"id": 5, "op": "state"}',
    ]);
    // On failure, show every answer and the server's log (notices of restarts), not only which ids failed.
    const transcript = `answers:\n${out.map((r) => JSON.stringify(r).slice(0, 400)).join('\n')}\nstderr:\n${err}`;
    expect(code, transcript).toBe(0);
    expect(
      out.map((r) => [r.id, r.ok]),
      transcript,
    ).toEqual([
      [1, true],
      ['a', false],
      [null, false],
      [2, true],
      [3, true],
      [4, false],
      [null, false],
      [5, true],
    ]);
    expect(out[1]).toMatchObject({ error: { code: 'RESET_NEEDED' } });
    expect(out[2]).toMatchObject({ error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/not valid JSON/) } });
    const graded = out[4].result as { observation: { last_execution: { optimized_error_code: string } }; reward: { score: number } };
    expect(graded.observation.last_execution.optimized_error_code).toBe('SQL_REJECTED');
    expect(out[5]).toMatchObject({
      error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/^INVALID_REQUEST: unknown op "nope"; ops are tasks, reset/) },
    });
    expect((out[7].result as { step_count: number }).step_count).toBe(0); // grade does not advance the episode
  });
});
