// A replay of an episode the Agent panel played names the model and the endpoint host, and where a person took over.
import { describe, expect, it } from 'vitest';
import { replayPolicy } from './label.ts';

describe('replayPolicy', () => {
  const label = { model: 'Qwen/Qwen2.5-72B-Instruct', host: 'router.huggingface.co', steps: 2 };
  it('names the model as the policy and the host in the details', () => {
    expect(replayPolicy(label, 2)).toEqual({
      name: 'Qwen/Qwen2.5-72B-Instruct',
      details: 'router.huggingface.co (LLM agent, Agent panel of the browser app)',
    });
  });
  it('says after which step a person took over', () => {
    expect(replayPolicy(label, 3).details).toBe(
      'router.huggingface.co (LLM agent, Agent panel of the browser app); a person took over after step 2',
    );
  });
});
