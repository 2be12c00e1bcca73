// Node worker entry (worker_threads): the same worker protocol as the browser's, over the package's own wasm files.
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadDuckDBTimed } from '../src/node/load-duckdb.ts';
import { workerGate } from '../src/node/measure-gate.ts';
import { readTaskFiles } from '../src/node/task-files.ts';
import { createWorkerApi } from '../src/worker/host.ts';
import { withOrderedProgress } from './ordered-boot.ts';

// Under the HTTP server's pool, timed rounds wait for its measurement scheduler; alone (CLI, tests), nothing waits.
const gate = workerData?.gate ? workerGate(workerData.gate) : undefined;
const setup = { ...(workerData?.setup ?? {}), gate };
Comlink.expose(withOrderedProgress(createWorkerApi(loadDuckDBTimed, readTaskFiles(), setup)), nodeEndpoint(parentPort!));
