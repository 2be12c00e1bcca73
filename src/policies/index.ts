// The policies `eval --policy` runs, by name. Each entry checks its options once and then builds the policy of each
// episode; adding one (e.g. `llm` from src/agent/) is one entry here.
import type { Replay } from '../replay/format.ts';
import { createOraclePolicy } from './oracle.ts';
import type { Policy } from './policy.ts';
import { createReplayPolicy, replayEpisode } from './replay.ts';
import { createRulesPolicy } from './rules.ts';
import { createLlmPolicy, llmConfigFromEnv } from '../agent/llm-policy.ts';

/** What an episode's policy may be told before it starts. Only the oracle calls `reference()`. */
export interface EpisodeSpec {
  task_id: string;
  seed: number | null;
  reference(): string;
}

/** What the caller (the command line, the page) hands a policy kind. */
export interface PolicyOptions {
  /** the parsed replay file, for `replay` */
  replay?: Replay;
  /** where the replay came from, for its description */
  replaySource?: string;
  /** environment variables (configuration of an `llm` entry); the page passes none */
  env?: Record<string, string | undefined>;
}

export interface PolicyKind {
  /** what the policy is, in a sentence: help text and the `details` of the replays it writes */
  describe(options: PolicyOptions): string;
  /** validates the options (throws an Error saying what is missing or wrong) and returns the per-episode factory */
  prepare(options: PolicyOptions): (episode: EpisodeSpec) => Policy;
}

const rules = createRulesPolicy();

export const POLICIES: Readonly<Record<string, PolicyKind>> = {
  rules: {
    describe: () => 'rule-based: diagnosis by pattern, rewrites by rules that never read the reference (src/policies/rules.ts)',
    prepare: () => () => rules,
  },
  oracle: {
    describe: () => "submits each task's reference rewrite with the rules' diagnosis: a yardstick, not an agent",
    prepare: () => (ep) => createOraclePolicy(ep.reference()),
  },
  llm: {
    describe: (o) => {
      const c = llmConfigFromEnv(o.env ?? {});
      // The endpoint's host only: a URL may carry credentials, and the key never enters a replay.
      return `the language model ${c.model} over ${new URL(c.baseUrl).host} (OpenAI-compatible chat completions)`;
    },
    prepare: (o) => {
      const policy = createLlmPolicy(llmConfigFromEnv(o.env ?? {}));
      return () => policy;
    },
  },
  replay: {
    describe: (o) =>
      `re-submits the actions of ${o.replaySource ?? 'a replay'} (recorded by ${o.replay?.policy.name ?? 'an unknown policy'})`,
    prepare: (o) => {
      const replay = o.replay;
      if (!replay) throw new Error('the replay policy needs a replay file (--replay FILE)');
      return (ep) => createReplayPolicy(replayEpisode(replay, ep.task_id, ep.seed));
    },
  },
};

export const POLICY_NAMES = Object.keys(POLICIES);

/** The kind named `name`, or null. */
export function policyKind(name: string): PolicyKind | null {
  return Object.hasOwn(POLICIES, name) ? POLICIES[name] : null;
}
