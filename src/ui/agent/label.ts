// How a replay names who played an episode the Agent panel started: the model as the policy, the endpoint's host (never
// its key or path) and, when the person took over after a Stop, from which step on. Pure.

/** The agent that started the page's current episode, and how many of its steps the agent made. */
export interface AgentLabel {
  model: string;
  /** host[:port] of the endpoint */
  host: string;
  /** steps of the episode the agent spent; later ones are the person's */
  steps: number;
}

/** The replay's `policy` fields for an episode with `total` steps. */
export function replayPolicy(label: AgentLabel, total: number): { name: string; details: string } {
  const took = total > label.steps ? `; a person took over after step ${label.steps}` : '';
  return { name: label.model, details: `${label.host} (LLM agent, Agent panel of the browser app)${took}` };
}
