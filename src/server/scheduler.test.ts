// The measurement scheduler's admission rule and the worker choice, as pure functions (the threads are in
// tests/integration/measure-gate.test.ts).
import { describe, expect, it } from 'vitest';
import { Admission, pickWorker } from './scheduler.ts';

describe('Admission', () => {
  it('admits up to its slots, then queues in arrival order', () => {
    const a = new Admission(1);
    expect([a.request(0), a.request(1), a.request(2)]).toEqual([true, false, false]);
    expect(a.queued).toBe(2);
    expect(a.release(0)).toEqual([1]);
    expect(a.release(1)).toEqual([2]);
    expect(a.release(2)).toEqual([]);
    expect([...a.holding.keys()]).toEqual([]);
  });

  it('never lets a newcomer pass a waiter, even when a slot is free at that moment', () => {
    const a = new Admission(2);
    expect([a.request(0), a.request(1), a.request(2)]).toEqual([true, true, false]);
    // 0 leaves: 2 takes its slot before 3 can ask.
    expect(a.release(0)).toEqual([2]);
    expect(a.request(3)).toBe(false);
    expect(a.release(1)).toEqual([3]);
    expect(a.holding.size).toBe(2);
  });

  it('a worker gone while waiting gives up its place; gone while holding, its slot', () => {
    const a = new Admission(1);
    a.request(0);
    a.request(1);
    a.request(2);
    expect(a.release(1)).toEqual([]); // a waiter gone: nobody is admitted, 0 still holds
    expect(a.queued).toBe(1);
    expect(a.release(0)).toEqual([2]);
  });

  it('with several slots, releases admit as many as fit', () => {
    const a = new Admission(3);
    for (const i of [0, 1, 2, 3, 4, 5]) a.request(i);
    expect(a.release(0)).toEqual([3]);
    expect(a.release(1)).toEqual([4]);
    expect(a.release(9)).toEqual([]); // never asked
    expect([...a.holding.keys()].sort()).toEqual([2, 3, 4]);
  });
});

describe('Admission of rounds (exclusive) and other engine runs (shared)', () => {
  it('shared runs go together, never beside a round; a round waits for them to end', () => {
    const a = new Admission(1);
    expect([a.request(0, 'shared'), a.request(1, 'shared')]).toEqual([true, true]);
    expect(a.request(2, 'exclusive')).toBe(false);
    expect(a.release(0)).toEqual([]); // 1 still runs
    expect(a.release(1)).toEqual([2]);
    expect(a.request(0, 'shared')).toBe(false); // a round runs
    expect(a.release(2)).toEqual([0]);
  });

  it('a shared run never passes a waiting round (no starvation), and rounds up to the slots run together', () => {
    const a = new Admission(2);
    a.request(0, 'shared');
    expect(a.request(1, 'exclusive')).toBe(false);
    expect(a.request(2, 'shared')).toBe(false); // a shared slot is free, but the round asked first
    expect(a.request(3, 'exclusive')).toBe(false);
    expect(a.release(0)).toEqual([1]); // 2 (shared) may not join a round; 3 waits behind it
    expect(a.release(1)).toEqual([2]);
    expect(a.release(2)).toEqual([3]);
    expect(a.request(4, 'exclusive')).toBe(true); // two rounds at once with two slots
    expect(a.rounds).toBe(2);
  });
});

describe('pickWorker', () => {
  const w = (index: number, owner: string | null, idleSince: number) => ({ index, owner, idleSince });
  it("prefers the worker that holds the session's episode, else the one idle longest", () => {
    expect(pickWorker([w(0, 'a', 5), w(1, 'b', 9)], 'b').index).toBe(1);
    expect(pickWorker([w(0, 'a', 5), w(1, null, 2), w(2, 'c', 3)], 'z').index).toBe(1);
  });
});
