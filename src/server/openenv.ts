// OpenEnv's server shapes, built from ours (pure). Source of truth: meta-pytorch/OpenEnv,
// src/openenv/core/env_server/types.py (ResetResponse, StepResponse, WS messages and replies, HealthResponse,
// EnvironmentMetadata, SchemaResponse, WSErrorCode), serialization.py (serialize_observation: the observation without
// reward/done/metadata, beside them), http_server.py (routes, 422 on an invalid action) and
// src/openenv/cli/_validation.py (what `openenv validate --url` checks: /openapi.json info.version, /health "healthy",
// /metadata name+description, /schema action/observation/state, POST /mcp answering JSON-RPC 2.0, and /reset, /step,
// /state among the OpenAPI paths of a simulation-mode server).
import { jsonSchema } from '../env/json-schema.ts';
import { Action, EnvState, Observation, type StepResult } from '../env/types.ts';

export const VERSION = '0.1.0';

/** WSErrorCode of OpenEnv's types.py, the codes its clients branch on. */
export type WsErrorCode = 'INVALID_JSON' | 'UNKNOWN_TYPE' | 'VALIDATION_ERROR' | 'EXECUTION_ERROR' | 'CAPACITY_REACHED' | 'SESSION_ERROR';

/** serialize_observation of a reset: {observation, reward: null, done: false}. */
export function resetResponse(obs: Observation): Record<string, unknown> {
  return { observation: obs, reward: null, done: false };
}

/** serialize_observation of a step: the observation, the score as the reward, done. What OpenEnv's Observation keeps in
 *  `metadata` (dropped by its serializer) rides inside the observation instead, so nothing of ours is lost: the full
 *  reward, terminated/truncated and info (with queue_ms). */
export function stepResponse(s: StepResult, extra: Record<string, unknown>): Record<string, unknown> {
  const metadata = { reward: s.reward, terminated: s.terminated, truncated: s.truncated, info: { ...s.info, ...extra } };
  return { observation: { ...s.observation, metadata }, reward: s.reward.score, done: s.done };
}

/** Its State (episode_id, step_count, extras allowed) carrying ours. */
export function stateData(s: EnvState, session: string): Record<string, unknown> {
  return { episode_id: s.task_id === null ? null : session, ...s };
}

export const health = () => ({ status: 'healthy' });

export const metadata = () => ({
  name: 'sql-optim-env',
  description:
    'Execution-grounded SQL query optimization on DuckDB-WASM: rewrite a slow query; the rewrite is run, timed against ' +
    'the original on hidden data, checked for identical results, and rewarded.',
  readme_content: null,
  version: VERSION,
  author: null,
  documentation_url: null,
});

/** SchemaResponse: JSON Schemas of the action (as sent), the observation and the state, from the one schema. */
export const schema = () => ({ action: jsonSchema(Action, 'input'), observation: jsonSchema(Observation), state: jsonSchema(EnvState) });

/** A JSON-RPC 2.0 answer for /mcp: this environment offers no MCP tools, so every method is unknown. */
export function mcp(body: unknown): Record<string, unknown> {
  const id = typeof body === 'object' && body !== null && 'id' in body ? (body as { id: unknown }).id : null;
  const method = typeof body === 'object' && body !== null ? (body as { method?: unknown }).method : undefined;
  if (method === 'tools/list') return { jsonrpc: '2.0', id, result: { tools: [] } };
  const error =
    typeof method === 'string' ? { code: -32601, message: `Method not found: ${method}` } : { code: -32600, message: 'Invalid Request' };
  return { jsonrpc: '2.0', id, error };
}

/** A minimal OpenAPI document listing the routes (openenv validate reads info.version and the paths). */
export function openapi(routes: readonly { method: string; path: string; summary: string }[]): Record<string, unknown> {
  const paths: Record<string, Record<string, { summary: string }>> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = { summary: r.summary };
  return { openapi: '3.1.0', info: { title: 'sql-optim-env', version: VERSION }, paths };
}
