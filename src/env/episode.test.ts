// The ending rule: terminated at the score threshold, truncated when steps run out first, done = either, never both.
import { describe, expect, it } from 'vitest';
import { DONE_THRESHOLD, ending } from './episode.ts';

describe('ending', () => {
  it.each([
    [0.5, 1, 3, { terminated: false, truncated: false, done: false }],
    [0.5, 3, 3, { terminated: false, truncated: true, done: true }],
    [DONE_THRESHOLD, 1, 3, { terminated: true, truncated: false, done: true }],
    [0.99, 3, 3, { terminated: true, truncated: false, done: true }],
    [0.9499, 2, 3, { terminated: false, truncated: false, done: false }],
  ])('score %d at step %d of %d', (score, step, max, expected) => {
    expect(ending(score, step, max)).toEqual(expected);
  });
  it('takes the threshold from the options when given', () => {
    expect(ending(0.6, 1, 3, 0.5)).toEqual({ terminated: true, truncated: false, done: true });
  });
});
