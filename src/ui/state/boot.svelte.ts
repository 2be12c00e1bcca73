// The loading screen's model: one overall fraction from the wasm download, compile and per-table data generation.
import type { ClientStatus } from '../../worker/supervisor.ts';
import type { BootProgress } from '../../worker/protocol.ts';

// Shares of the bar: the 35 MB download dominates on a slow link, compiling is quick, then one share per table.
const DOWNLOAD_SHARE = 0.45;
const COMPILE_SHARE = 0.1;

/** The loading bar and its log, derived from the client's status reports. */
export class BootView {
  status = $state.raw<ClientStatus>({ kind: 'booting', progress: null, restart: null, started_ms: 0 });
  fraction = $state(0);
  label = $state('Starting the engine…');
  /** one line per finished step ("users: 10,000 rows") */
  log = $state.raw<string[]>([]);
  bytes = $state.raw<{ loaded: number; total: number } | null>(null);
  /** performance.now(), ticking while booting so the elapsed time shows even when no progress arrives (compiling) */
  now = $state(performance.now());
  private ticker: ReturnType<typeof setInterval> | null = null;

  update(s: ClientStatus): void {
    const previous = this.status;
    this.status = s;
    this.tick(s.kind === 'booting');
    if (s.kind === 'ready') {
      this.fraction = 1;
      this.label = 'Ready';
      return;
    }
    if (s.kind === 'failed') {
      this.label = `The engine failed to start: ${s.message}`;
      return;
    }
    // A new boot (first or a restart) starts a fresh log.
    if (previous.kind !== 'booting' || previous.started_ms !== s.started_ms) {
      this.log = [];
      this.fraction = 0;
      this.bytes = null;
    }
    if (s.progress) this.advance(s.progress);
  }

  private tick(on: boolean): void {
    if (on && !this.ticker) this.ticker = setInterval(() => (this.now = performance.now()), 100);
    if (!on && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
    this.now = performance.now();
  }

  private advance(p: BootProgress): void {
    if (p.phase === 'download') {
      this.bytes = { loaded: p.done, total: p.total };
      this.fraction = p.total > 0 ? DOWNLOAD_SHARE * (p.done / p.total) : 0;
      this.label = `Downloading ${p.detail}`;
    } else if (p.phase === 'compile') {
      this.bytes = { loaded: p.done, total: p.total };
      this.fraction = DOWNLOAD_SHARE + COMPILE_SHARE / 2;
      this.label = `Compiling ${p.detail}`;
    } else {
      this.bytes = null;
      const share = 1 - DOWNLOAD_SHARE - COMPILE_SHARE;
      const f = p.total > 0 ? p.done / p.total : 0;
      this.fraction = Math.min(0.99, DOWNLOAD_SHARE + COMPILE_SHARE + share * f);
      if (p.phase === 'generate') {
        this.label = `Generating data: ${p.done} of ${p.total} tables`;
        if (p.detail && !this.log.includes(p.detail)) this.log = [...this.log, p.detail];
      } else this.label = p.detail ? `${p.phase}: ${p.detail}` : p.phase;
    }
  }
}
