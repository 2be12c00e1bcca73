// Keeps boot progress ahead of the boot answer: the worker answers boot only once the page has received every report.
import type { BootProgress, WorkerApi } from '../src/worker/protocol.ts';

/**
 * Comlink carries each progress report over the callback's own message port and the boot answer over the worker's, and
 * messages on two ports are not ordered: on a busy machine the last report ("ready") can arrive after the answer, and
 * the supervisor then puts a ready engine back to "booting" for good, so every call fails with "the engine is not
 * running". Through comlink the callback returns a promise that settles once the page has run it; waiting for all of
 * them before answering restores the order whatever the supervisor does with late reports.
 */
export function withOrderedProgress(api: WorkerApi): WorkerApi {
  return {
    ...api,
    async boot(onProgress) {
      const delivered: unknown[] = [];
      const info = await api.boot((p: BootProgress) => void delivered.push(onProgress(p)));
      await Promise.allSettled(delivered);
      return info;
    },
  };
}
