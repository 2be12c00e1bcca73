// `bench`'s own options: --tasks a,b (a subset), --repeats N (the reward spread's fresh episodes), --skip a,b (sections).

/** The sections `--skip` may leave out (the memory and generation figures are always taken: they cost nothing extra). */
export const SECTIONS = ['steps', 'repeats', 'ahead', 'coverage', 'native', 'page'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** task ids; every task when empty */
  tasks: string[];
  /** fresh episodes per task for the reward spread */
  repeats: number;
  skip: Section[];
}

export const DEFAULT_REPEATS = 5;

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The options from the command line's strings; throws a message naming the bad value. */
export function benchOptions(v: { tasks?: string; repeats?: string; skip?: string }): BenchOptions {
  const repeats = v.repeats === undefined ? DEFAULT_REPEATS : Number(v.repeats);
  if (!Number.isInteger(repeats) || repeats < 0) throw new Error(`--repeats must be a whole number ≥ 0 (got "${v.repeats}")`);
  const skip = list(v.skip);
  const unknown = skip.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`--skip: unknown section "${unknown.join('", "')}"; known: ${SECTIONS.join(', ')}`);
  return { tasks: list(v.tasks), repeats, skip: skip as Section[] };
}
