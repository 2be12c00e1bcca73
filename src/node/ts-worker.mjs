// Worker bootstrap: registers tsx in this thread (loader hooks do not cross into worker_threads), then runs the TS entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
