// DuckDB's wasm compiled by the page at navigation and handed to the environment worker, so the 35 MB download and its
// compile overlap the worker's own start instead of following it. Both ends, and the streaming compile they share.
import type { BootProgress } from '../worker/protocol.ts';

/** The key of the page's messages to the worker; other keys are comlink's. */
const KEY = 'sql-optim-env:wasm';
type Handoff = { progress: BootProgress } | { module: WebAssembly.Module | null };

/**
 * Streams `url` into the compiler. The fetched response goes to the compiler as it is (DuckDB's own loader wraps it in a
 * new Response, which has no URL, so Chromium never caches its compiled code); the bytes are counted on a copy of it.
 */
export async function compileWasm(url: string, detail: string, onProgress: (p: BootProgress) => void): Promise<WebAssembly.Module> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${detail}: HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length')) || 0;
  void countBytes(response.clone(), total, detail, onProgress);
  try {
    return await WebAssembly.compileStreaming(response);
  } catch (e) {
    // A server that does not send application/wasm: compiling from the bytes is slower but works.
    if (!(e instanceof TypeError)) throw e;
    return WebAssembly.compile(await (await fetch(url, { credentials: 'same-origin' })).arrayBuffer());
  }
}

async function countBytes(copy: Response, total: number, detail: string, onProgress: (p: BootProgress) => void): Promise<void> {
  const reader = copy.body?.getReader();
  if (!reader) return;
  let done = 0;
  let told = 0;
  for (;;) {
    const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (chunk.done) break;
    done += chunk.value.byteLength;
    // A few dozen reports for the whole file are plenty for a loading bar.
    if (done - told > 1 << 20) onProgress({ phase: 'download', detail, done: (told = done), total: Math.max(done, total) });
  }
  onProgress({ phase: 'compile', detail, done, total: Math.max(done, total) });
}

/** The page's end: the compile under way, and what it has told so far. */
export class PageWasm {
  private module: Promise<WebAssembly.Module | null>;
  private last: BootProgress | null = null;
  private readonly listeners = new Set<(p: BootProgress) => void>();

  constructor(url: string, detail: string) {
    this.module = compileWasm(url, detail, (p) => {
      this.last = p;
      for (const f of this.listeners) f(p);
    }).catch(() => null); // the worker then loads DuckDB as it would alone (the mvp bundle, say)
  }

  /** Sends the compile's progress, then the module (or null if it failed), to a worker. */
  handTo(worker: Worker): void {
    const send = (h: Handoff) => worker.postMessage({ [KEY]: h });
    const relay = (progress: BootProgress) => send({ progress });
    if (this.last) relay(this.last);
    this.listeners.add(relay);
    void this.module.then((module) => {
      this.listeners.delete(relay);
      send({ module });
    });
  }
}

/** The worker's end: listens before comlink does, and keeps the page's messages from it. */
export class WorkerWasm {
  private resolve: (m: WebAssembly.Module | null) => void = () => {};
  readonly module = new Promise<WebAssembly.Module | null>((r) => (this.resolve = r));
  private onProgress: ((p: BootProgress) => void) | null = null;

  constructor(scope: EventTarget) {
    scope.addEventListener('message', (e) => {
      const h = (e as MessageEvent).data?.[KEY] as Handoff | undefined;
      if (!h) return;
      e.stopImmediatePropagation();
      if ('module' in h) this.resolve(h.module);
      else this.onProgress?.(h.progress);
    });
  }

  /** The page's module, its progress told to `onProgress` meanwhile. */
  async wait(onProgress: (p: BootProgress) => void): Promise<WebAssembly.Module | null> {
    this.onProgress = onProgress;
    const module = await this.module;
    this.onProgress = null;
    return module;
  }
}
