// Node worker entry (worker_threads): builds the environment and exposes it with comlink. Thin on purpose.
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createNodeEnvironment } from '../src/node/create.ts';
import type { Environment } from '../src/env/environment.ts';
import type { Op, WorkerApi } from '../src/env/supervisor.ts';

let env: Environment;

const api: WorkerApi = {
  async init(options) {
    env = await createNodeEnvironment((options ?? {}) as Parameters<typeof createNodeEnvironment>[0]);
    return env.info();
  },
  call: (op: Op, arg: unknown) => (env[op] as (a: unknown) => ReturnType<Environment[Op]>)(arg),
  snapshot: () => env.snapshot(),
  restore: (s) => env.restore(s),
};

Comlink.expose(api, nodeEndpoint(parentPort!));
