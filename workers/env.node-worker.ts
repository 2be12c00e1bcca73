// Node worker entry (worker_threads): the same worker protocol as the browser's, over the package's own wasm files.
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadDuckDBTimed } from '../src/node/load-duckdb.ts';
import { readTaskFiles } from '../src/node/task-files.ts';
import { createWorkerApi } from '../src/worker/host.ts';
import { withOrderedProgress } from './ordered-boot.ts';

Comlink.expose(withOrderedProgress(createWorkerApi(loadDuckDBTimed, readTaskFiles(), workerData?.setup ?? {})), nodeEndpoint(parentPort!));
