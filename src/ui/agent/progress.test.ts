// The Agent panel's status line and the backoff it shows while the client waits to retry.
import { describe, expect, it } from 'vitest';
import { phaseText, waitingFor } from './progress.ts';

describe('phaseText', () => {
  it('says what the agent does now', () => {
    expect(phaseText({ kind: 'asking', task_id: 't1', attempt: 2 })).toBe('Step 2 of t1: asking the model…');
    expect(phaseText({ kind: 'step', task_id: 't1', attempt: 2 })).toBe('Step 2 of t1: running the rewrite on the engine…');
    expect(phaseText({ kind: 'waiting', task_id: 't1', attempt: 1, why: 'rate limited (HTTP 429)', ms: 2400 })).toBe(
      'Step 1 of t1: rate limited (HTTP 429); waiting 2 s before retrying…',
    );
    expect(phaseText({ kind: 'stopping', during: 'step' })).toBe(
      'Stopping: the step under way is being judged and will land in the episode first.',
    );
  });
});

describe('waitingFor', () => {
  it("uses the server's Retry-After, else the client's doubling backoff capped at a minute", () => {
    expect(waitingFor(429, 5000, 0)).toEqual({ why: 'rate limited (HTTP 429)', ms: 5000 });
    expect([0, 1, 2, 9].map((n) => waitingFor(503, null, n).ms)).toEqual([1000, 2000, 4000, 60_000]);
    expect(waitingFor(503, null, 0).why).toBe('the server failed (HTTP 503)');
  });
});
