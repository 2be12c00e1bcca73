// Work in chunks gives way between two chunks: a message (here, a timer) queued during one is handled before the next.
import { describe, expect, it } from 'vitest';
import { runInChunks } from './chunks.ts';

describe('runInChunks', () => {
  it('runs every step in order and resolves with what the steps return', async () => {
    function* steps() {
      yield;
      yield;
      return 42;
    }
    expect(await runInChunks(steps())).toBe(42);
  });

  it('lets a task queued during a chunk run before the next chunk', async () => {
    const log: string[] = [];
    function* steps() {
      log.push('chunk 1');
      // What a call arriving from the page looks like to the thread: a task queued while a chunk runs.
      setTimeout(() => log.push('call'), 0);
      yield;
      log.push('chunk 2');
      yield;
      log.push('chunk 3');
      return log.length;
    }
    await runInChunks(steps());
    expect(log).toEqual(['chunk 1', 'call', 'chunk 2', 'chunk 3']);
  });

  it('pauses with the given function once per yield', async () => {
    let pauses = 0;
    function* steps() {
      yield;
      yield;
    }
    await runInChunks(steps(), async () => void pauses++);
    expect(pauses).toBe(2);
  });
});
