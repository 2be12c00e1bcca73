// Reward weights and component masks chosen per session (design §6: ablations, an execution-only reward), and the
// parser of the CLI/API string that chooses them.
import { EnvError } from './errors.ts';
import { REWARD_COMPONENTS, type RewardBreakdown, type RewardComponent } from './types.ts';

/** A step scoring at least this solves the task and ends the episode (the original environment's rule). */
export const DONE_THRESHOLD = 0.95;

/**
 * What one opened hint costs: taken from the score of every step taken while it is open (floored at 0), so a step
 * with all three of a task's hints open can score at most 0.97 and still solve it. Small on purpose: a hint should
 * cost less than the credit it helps earn, yet a solve without hints should rank above one with them.
 */
export const HINT_COST = 0.01;

/** The original environment's weights. */
export const WEIGHTS: RewardBreakdown = Object.freeze({
  execution_speedup: 0.35,
  result_correctness: 0.2,
  issue_detection: 0.25,
  approval_correctness: 0.08,
  summary_quality: 0.07,
  severity_labels: 0.05,
});

/** Components switched off (`false`) for ablations; the remaining weights are rescaled to sum to 1. */
export type ComponentMask = Partial<Record<RewardComponent, boolean>>;

/** How one session weighs the six components: raw weights (any scale) and the components switched off. */
export type RewardConfig = { weights: RewardBreakdown; mask: ComponentMask };

/** The original environment's reward: its six weights, nothing switched off. */
export const DEFAULT_REWARD: RewardConfig = Object.freeze({ weights: WEIGHTS, mask: Object.freeze({}) });

/** Named configurations a spec may start with. */
const PRESETS: Record<string, () => RewardConfig> = {
  default: () => ({ weights: { ...WEIGHTS }, mask: {} }),
  // Only what the database measured: is the rewrite right, and how much faster. Diagnosis and prose earn nothing.
  'execution-only': () => ({
    weights: { ...WEIGHTS },
    mask: Object.fromEntries(
      REWARD_COMPONENTS.filter((k) => k !== 'execution_speedup' && k !== 'result_correctness').map((k) => [k, false]),
    ),
  }),
};

/** The weights applied: switched-off components get 0, the rest are rescaled to sum to 1 (all 0 if nothing is left). */
export function appliedWeights(config: RewardConfig = DEFAULT_REWARD, extraMask: ComponentMask = {}): RewardBreakdown {
  const on = (k: RewardComponent) => config.mask[k] !== false && extraMask[k] !== false;
  const total = REWARD_COMPONENTS.reduce((s, k) => s + (on(k) ? config.weights[k] : 0), 0);
  const w = {} as RewardBreakdown;
  for (const k of REWARD_COMPONENTS) w[k] = on(k) && total > 0 ? config.weights[k] / total : 0;
  return w;
}

/** The original weights after a mask, rescaled so a perfect score is still 1 (kept for callers that only mask). */
export function maskedWeights(mask: ComponentMask = {}): RewardBreakdown {
  return appliedWeights(DEFAULT_REWARD, mask);
}

const isComponent = (s: string): s is RewardComponent => (REWARD_COMPONENTS as readonly string[]).includes(s);

function invalid(spec: string, part: string, why: string): never {
  throw new EnvError(
    'INVALID_REQUEST',
    `reward spec "${spec}": ${part ? `"${part}" ` : ''}${why} (write e.g. "execution_speedup=1,result_correctness=0", ` +
      `or a preset: ${Object.keys(PRESETS).join(', ')}, optionally followed by component=weight parts)`,
  );
}

/**
 * Parses a reward spec such as "default", "execution-only" or "execution_speedup=1,result_correctness=0".
 * Comma-separated parts: an optional preset first (default when absent), then `component=weight` parts that replace
 * that component's weight (and switch it back on if the preset had switched it off). Weights are non-negative
 * numbers of any scale; they are rescaled to sum to 1 when applied. Throws INVALID_REQUEST naming the bad part.
 */
export function parseRewardSpec(text: string): RewardConfig {
  const spec = String(text ?? '').trim();
  const parts = spec === '' ? [] : spec.split(',').map((p) => p.trim());
  const preset = parts.length > 0 && !parts[0].includes('=') ? parts.shift()! : 'default';
  if (!Object.hasOwn(PRESETS, preset.toLowerCase()))
    invalid(spec, preset, `is neither a preset (${Object.keys(PRESETS).join(', ')}) nor a component=weight part`);
  const config = PRESETS[preset.toLowerCase()]();
  const seen = new Set<RewardComponent>();
  for (const part of parts) {
    if (part === '') invalid(spec, '', 'has an empty part between commas');
    const eq = part.indexOf('=');
    if (eq < 0) invalid(spec, part, 'is not a component=weight part (a preset can only come first)');
    // Hyphens are accepted for underscores: "execution-speedup=1" can only mean one component.
    const name = part.slice(0, eq).trim().toLowerCase().replace(/-/g, '_');
    const value = part.slice(eq + 1).trim();
    if (!isComponent(name)) invalid(spec, part, `names no reward component (components: ${REWARD_COMPONENTS.join(', ')})`);
    if (seen.has(name)) invalid(spec, part, `sets ${name} a second time`);
    seen.add(name);
    // Number('') is 0 and Number('0x10') is 16: accept plain decimals only, so a typo is an error, not a weight.
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) invalid(spec, part, `has a weight that is not a number`);
    const weight = Number(value);
    if (!Number.isFinite(weight)) invalid(spec, part, 'has a weight that is not a finite number');
    if (weight < 0) invalid(spec, part, 'has a negative weight (switch a component off with weight 0)');
    config.weights[name] = weight;
    delete config.mask[name];
  }
  if (REWARD_COMPONENTS.every((k) => appliedWeights(config)[k] === 0))
    invalid(spec, '', 'gives every component weight 0, so no step could earn anything');
  return config;
}
