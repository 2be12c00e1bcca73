// Design §5's rule on any answer: a figure (a timing, a speedup or its interval, a row count, a match verdict) that is
// null has its reason in the same object's why_null, and only a null figure has one. The answer is walked beside its
// op's result schema, so every object of every op is covered, including figures and shapes added later.
import type { z } from 'zod';

/** Nullable numbers that name rather than measure: a null seed names the canonical task variant. */
const NOT_FIGURES = new Set(['seed']);

const WRAPPERS = new Set(['nullable', 'optional', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

interface Def {
  type: string;
  innerType?: z.ZodType;
  getter?: () => z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  items?: z.ZodType[];
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

// zod keeps a schema's definition on `_zod.def`; walking it is the only way to follow a schema beside a value.
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under the wrappers that do not change what a value is. */
function bare(s: z.ZodType): z.ZodType {
  for (;;) {
    const d = def(s);
    if (WRAPPERS.has(d.type)) s = d.innerType!;
    else if (d.type === 'lazy') s = d.getter!();
    else if (d.type === 'pipe') s = d.out!;
    else return s;
  }
}

/** A field that holds a figure a client may format, and that may be null. */
function isNullableFigure(key: string, s: z.ZodType): boolean {
  if (NOT_FIGURES.has(key) || !s.safeParse(null).success) return false;
  const d = def(bare(s));
  if (d.type === 'tuple') return d.items!.every((i) => def(bare(i)).type === 'number');
  return d.type === 'number' || d.type === 'boolean' || d.type === 'bigint';
}

const isReason = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** Every breach of the rule in `value` (an answer of shape `schema`), each naming its path; empty when it holds. */
export function nullsWithoutReason(schema: z.ZodType, value: unknown, path = 'result'): string[] {
  if (value === null || value === undefined) return [];
  const d = def(bare(schema));
  switch (d.type) {
    case 'object': {
      const v = value as Record<string, unknown>;
      const why = (typeof v.why_null === 'object' && v.why_null !== null ? v.why_null : {}) as Record<string, unknown>;
      const out: string[] = [];
      for (const [k, sub] of Object.entries(d.shape!)) {
        if (isNullableFigure(k, sub)) {
          if (v[k] === null && !isReason(why[k])) out.push(`${path}.${k} is null with no reason in ${path}.why_null`);
          if (v[k] !== null && k in why) out.push(`${path}.why_null.${k} explains a figure that is not null (${JSON.stringify(v[k])})`);
        }
        out.push(...nullsWithoutReason(sub, v[k], `${path}.${k}`));
      }
      for (const k of Object.keys(why))
        if (!(k in d.shape!) || !isNullableFigure(k, d.shape![k])) out.push(`${path}.why_null.${k} names no nullable figure of ${path}`);
      return out;
    }
    case 'array':
      return (value as unknown[]).flatMap((x, i) => nullsWithoutReason(d.element!, x, `${path}[${i}]`));
    case 'tuple':
      return d.items!.flatMap((s, i) => nullsWithoutReason(s, (value as unknown[])[i], `${path}[${i}]`));
    case 'record':
      return Object.entries(value as object).flatMap(([k, x]) => nullsWithoutReason(d.valueType!, x, `${path}.${k}`));
    case 'union': {
      const fits = d.options!.find((o) => o.safeParse(value).success);
      return fits ? nullsWithoutReason(fits, value, path) : [];
    }
    default:
      return [];
  }
}

/** The paths of every nullable figure a schema declares (arrays as `[]`), so a new one is noticed and classified. */
export function nullableFigures(schema: z.ZodType, path = 'result', lazies = new Set<z.ZodType>()): string[] {
  const d = def(schema);
  const walk = (sub: z.ZodType, p = path) => nullableFigures(sub, p, lazies);
  if (WRAPPERS.has(d.type)) return walk(d.innerType!);
  if (d.type === 'pipe') return walk(d.out!);
  if (d.type === 'lazy') {
    if (lazies.has(schema)) return []; // a recursive shape (a plan's operator tree) is listed once
    lazies.add(schema);
    const out = walk(d.getter!());
    lazies.delete(schema);
    return out;
  }
  if (d.type === 'object')
    return Object.entries(d.shape!).flatMap(([k, sub]) => [
      ...(isNullableFigure(k, sub) ? [`${path}.${k}`] : []),
      ...walk(sub, `${path}.${k}`),
    ]);
  if (d.type === 'array') return walk(d.element!, `${path}[]`);
  if (d.type === 'record') return walk(d.valueType!, `${path}.*`);
  if (d.type === 'union') return d.options!.flatMap((o) => walk(o));
  return [];
}
