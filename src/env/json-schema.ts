// The published JSON Schemas (draft 2020-12), generated from the one schema: what the `schema` op answers and what
// docs and training servers publish. Requests are described as callers may send them (defaults optional).
import { z } from 'zod';
import { EXPOSED_OPS, OPS, type SchemaDoc } from './ops.ts';
import { Replay } from './replay-types.ts';
import {
  Action,
  EnvState,
  ErrorValue,
  ExecutionResult,
  HintResult,
  LeaderboardRow,
  Observation,
  Reward,
  Solution,
  StepResult,
  TaskSummary,
} from './types.ts';

/** The named shapes, snake_case like the wire; `io` says whether a caller sends it (input) or receives it (output). */
const SHAPES: Record<string, { schema: z.ZodType; io: 'input' | 'output' }> = {
  action: { schema: Action, io: 'input' },
  observation: { schema: Observation, io: 'output' },
  state: { schema: EnvState, io: 'output' },
  step_result: { schema: StepResult, io: 'output' },
  execution_result: { schema: ExecutionResult, io: 'output' },
  reward: { schema: Reward, io: 'output' },
  task_summary: { schema: TaskSummary, io: 'output' },
  leaderboard_row: { schema: LeaderboardRow, io: 'output' },
  hint_result: { schema: HintResult, io: 'output' },
  solution: { schema: Solution, io: 'output' },
  error: { schema: ErrorValue, io: 'output' },
  replay: { schema: Replay, io: 'output' },
};

/** One schema as JSON Schema draft 2020-12. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
}

let cached: z.infer<typeof SchemaDoc> | null = null;

/** Every shape and every exposed op (summary, how the argument travels, request and result schemas). */
export function schemaDoc(): z.infer<typeof SchemaDoc> {
  cached ??= {
    shapes: Object.fromEntries(Object.entries(SHAPES).map(([k, { schema, io }]) => [k, jsonSchema(schema, io)])),
    ops: Object.fromEntries(
      EXPOSED_OPS.map((k) => {
        const o = OPS[k];
        return [k, { summary: o.summary, args: o.args, request: jsonSchema(o.request, 'input'), result: jsonSchema(o.result) }];
      }),
    ),
  };
  return cached;
}
