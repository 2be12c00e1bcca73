// Task texts are shown to the agent (name and description at reset, one more hint per step), so they must not hand
// over the ground truth: no issue type or ground-truth keyword in a name or description, no measured speed (copying
// it would earn the speedup-estimate reward), and nothing that tells a decoy apart from the other tasks.
import { describe, expect, it } from 'vitest';
import { loadTasks, type TaskDef } from '../../src/env/tasks.ts';
import { TAXONOMY } from '../../src/env/taxonomy.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';

const tasks = [...loadTasks(readTaskFiles()).values()];

/** A text as the grader reads it (typesNamed in src/env/grader.ts): lower case, underscores and whitespace as one space. */
function normalise(text: string): string {
  return ` ${text.toLowerCase().replace(/[_\s]+/g, ' ')} `;
}

/** Every name the taxonomy knows (canonical types, aliases, titles), underscores as spaces. */
const TAXONOMY_NAMES = [
  ...new Set(TAXONOMY.flatMap((k) => [k.type, ...k.aliases, k.title]).map((n) => n.toLowerCase().replace(/_/g, ' '))),
];

/**
 * Ground-truth keywords a description has to use because they are the plain business meaning of the result, each
 * narrowed to the one phrase that needs it rather than dropped: the phrase is removed before the keyword check, so the
 * keyword anywhere else in the description (and anywhere in the name) still fails.
 */
const KEYWORD_EXCEPTIONS: Record<string, Record<string, { phrase: RegExp; why: string }>> = {
  task_17_region_tier_order_stats: {
    median: {
      phrase: /\bmedian order total\b/g,
      why: 'the result has a median_total column; "median" is the only exact name of that statistic (middle value, mean of the two middle ones for an even count)',
    },
  },
};

/** Taxonomy names a text contains. */
function taxonomyNamesIn(text: string): string[] {
  const t = normalise(text);
  return TAXONOMY_NAMES.filter((n) => t.includes(n));
}

/** Ground-truth keywords of length ≥ 4 (the ones the grader counts) that a text contains, raw or with underscores as spaces. */
function keywordsIn(task: TaskDef, text: string, exceptions: Record<string, { phrase: RegExp }> = {}): string[] {
  const found = new Set<string>();
  for (const kw of task.issues.flatMap((i) => i.keywords).filter((k) => k.length >= 4)) {
    const allowed = exceptions[kw.toLowerCase()];
    const scrubbed = allowed ? text.toLowerCase().replace(allowed.phrase, ' ') : text.toLowerCase();
    if (scrubbed.includes(kw.toLowerCase()) || normalise(scrubbed).includes(kw.toLowerCase().replace(/_/g, ' '))) found.add(kw);
  }
  return [...found];
}

/** A number followed by a speed unit ("4-7x", "20 ×", "3 times", "40%", "12 ms", "0.23 s"), or the words faster/slower. */
const SPEED_FIGURE = /\d+(?:[.,]\d+)?\s*(?:x|×|times|%|ms|s|sec|seconds)(?![a-z])/i;
const SPEED_WORD = /\b(?:faster|slower)\b/i;

function speedClaimsIn(text: string): string[] {
  return [SPEED_FIGURE.exec(text)?.[0], SPEED_WORD.exec(text)?.[0]].filter((m): m is string => m !== undefined);
}

/** Words that say (or hint) that a query needs no change; checked for every task, so their absence marks no decoy. */
const VERDICT_WORDS = /\b(?:already|good|approv\w*|fine|optimal\w*|nothing to|decoy)\b/gi;

function verdictWordsIn(text: string): string[] {
  return text.match(VERDICT_WORDS) ?? [];
}

describe('the checks catch the texts they exist to keep out', () => {
  const task1 = tasks.find((t) => t.id === 'task_1_basic_antipatterns')!;
  const task9 = tasks.find((t) => t.id === 'task_9_orders_and_spend')!;
  const task17 = tasks.find((t) => t.id === 'task_17_region_tier_order_stats')!;

  it('taxonomy names, with underscores read as spaces, and titles', () => {
    expect(taxonomyNamesIn('N+1 Correlated Subquery Elimination')).toContain('correlated subquery');
    expect(taxonomyNamesIn('uses select_star')).toContain('select star');
    expect(taxonomyNamesIn('UNION where UNION ALL is equivalent')).toContain('union where union all is equivalent');
    expect(taxonomyNamesIn('Orders of one customer in a year')).toEqual([]);
  });

  it("a task's own ground-truth keywords, and an exception only inside its phrase", () => {
    expect(keywordsIn(task1, 'an integer comparison and a half-open DATE range')).toContain('integer comparison');
    expect(keywordsIn(task9, 'Sort Nobody Needs')).toContain('sort');
    expect(keywordsIn(task17, 'the median order total', KEYWORD_EXCEPTIONS[task17.id])).toEqual([]);
    expect(keywordsIn(task17, 'compute the median late', KEYWORD_EXCEPTIONS[task17.id])).toEqual(['median']);
    expect(keywordsIn(task17, 'the median order total')).toEqual(['median']);
  });

  it('speed figures in their usual spellings', () => {
    for (const s of [
      'Measured at scale 1, 4-7x faster.',
      'about 2.2-2.5x',
      '20 × the speed',
      '3 times',
      'about 40% of the original',
      '17.9 ms',
      '0.23 s',
    ])
      expect(speedClaimsIn(s), s).not.toEqual([]);
    expect(speedClaimsIn('the 7 days before, the 500 users with ids 2000 to 2000 + 499, sess_12345')).toEqual([]);
  });

  it('verdict words', () => {
    expect(verdictWordsIn('Top Orders (Already Good)')).toEqual(['Already', 'Good']);
    expect(verdictWordsIn('There is nothing worth changing: approve it.')).toEqual(['approve']);
    expect(verdictWordsIn('defined, goodness aside')).toEqual([]);
  });
});

describe.each(tasks.map((t) => [t.id, t] as const))('%s texts', (_id, task) => {
  const exceptions = KEYWORD_EXCEPTIONS[task.id] ?? {};

  // The five original tasks keep the original environment's ids (clients of it name them); every other id is neutral.
  const original = /^task_[1-5]_/.test(task.id);

  it('the id (past the five originals) names no issue type, ground-truth keyword or verdict word', () => {
    const id = task.id.replace(/^task_\d+_/, '');
    expect(original ? [] : [...taxonomyNamesIn(id), ...keywordsIn(task, id), ...verdictWordsIn(id)], 'id').toEqual([]);
    expect(original || !/decoy/.test(task.id), 'id').toBe(true);
  });

  it('name and description name no issue type, alias or title of the taxonomy', () => {
    expect(taxonomyNamesIn(task.name), 'name').toEqual([]);
    expect(taxonomyNamesIn(task.description), 'description').toEqual([]);
  });

  it("name and description contain none of the task's ground-truth keywords", () => {
    expect(keywordsIn(task, task.name), 'name').toEqual([]);
    expect(keywordsIn(task, task.description, exceptions), 'description').toEqual([]);
  });

  it('every keyword exception names a real keyword of this task and is used', () => {
    const keywords = new Set(task.issues.flatMap((i) => i.keywords).map((k) => k.toLowerCase()));
    for (const [kw, { phrase }] of Object.entries(exceptions)) {
      expect(keywords, kw).toContain(kw);
      expect(task.description, kw).toMatch(new RegExp(phrase.source));
    }
  });

  it('name, description and hints state no speed figure', () => {
    for (const [where, text] of [['name', task.name], ['description', task.description], ...task.hints.map((h, i) => [`hint ${i + 1}`, h])])
      expect(speedClaimsIn(text), where).toEqual([]);
  });

  it('name and description carry no verdict word (and, for a decoy, neither do the hints)', () => {
    expect(verdictWordsIn(task.name), 'name').toEqual([]);
    expect(verdictWordsIn(task.description), 'description').toEqual([]);
    if (task.decoy) for (const [i, h] of task.hints.entries()) expect(verdictWordsIn(h), `hint ${i + 1}`).toEqual([]);
  });

  it('every {{placeholder}} in the description is a parameter; hints have none (they are not instantiated)', () => {
    const used = [...task.description.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
    for (const name of used) expect(Object.keys(task.params), `{{${name}}}`).toContain(name);
    expect(task.description.replace(/\{\{\w+\}\}/g, ''), 'a malformed placeholder').not.toMatch(/\{\{|\}\}/);
    for (const h of task.hints) expect(h).not.toMatch(/\{\{|\}\}/);
  });

  it('three hints', () => {
    expect(task.hints).toHaveLength(3);
  });

  it('the explanation states no speed figure (measured ones live in docs/results.md) and no placeholder', () => {
    expect(SPEED_FIGURE.exec(task.explanation)?.[0], 'explanation').toBeUndefined();
    expect(task.explanation).not.toMatch(/\{\{|\}\}/);
  });
});
