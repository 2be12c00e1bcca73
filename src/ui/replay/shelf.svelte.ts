// Opening replays: from a file (picker or drop), a link's #replay= fragment, a URL, or text. Every way goes through
// parseReplay, and a refused replay leaves whatever was open (and the app's episode) exactly as it was.
import { MAX_REPLAY_BYTES, parseReplay, ReplayError } from '../../replay/format.ts';
import { decodeLink } from '../../replay/link.ts';
import { extractEmbedded } from '../../replay/standalone.ts';
import { ReplayView } from './replay-view.svelte.ts';

/** A message about opening or exporting a replay. */
export interface ShelfMessage {
  level: 'error' | 'info';
  text: string;
}

export class ReplayShelf {
  /** the replay shown, or null (the app shows the episode) */
  current = $state.raw<ReplayView | null>(null);
  message = $state.raw<ShelfMessage | null>(null);

  /** Opens replay text (JSON, or an exported standalone .html); `source` names it in messages. */
  openText(text: string, source: string): boolean {
    try {
      const embedded = /^\s*</.test(text) ? extractEmbedded(text) : null;
      if (/^\s*</.test(text) && embedded === null) throw new ReplayError('this HTML file is not an exported sql-optim-env replay');
      this.current = new ReplayView(parseReplay(embedded ?? text), source);
      this.message = null;
      return true;
    } catch (e) {
      this.refuse(source, e);
      return false;
    }
  }

  /** Opens a file the person chose or dropped. Too-large files are refused before they are read. */
  async openFile(file: File): Promise<boolean> {
    const source = `“${file.name}”`;
    if (file.size > MAX_REPLAY_BYTES) {
      this.refuse(
        source,
        new ReplayError(`the file is ${(file.size / 2 ** 20).toFixed(1)} MB; replays are at most ${MAX_REPLAY_BYTES / 2 ** 20} MB`),
      );
      return false;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      this.refuse(source, new ReplayError(`the file could not be read (${(e as Error).message})`));
      return false;
    }
    return this.openText(text, source);
  }

  /** Opens the replay in a fragment like '#replay=…'; false when the fragment carries none or a broken one. */
  async openLink(fragment: string): Promise<boolean> {
    try {
      const replay = await decodeLink(fragment);
      if (!replay) return false;
      this.current = new ReplayView(replay, 'the link');
      this.message = null;
      return true;
    } catch (e) {
      this.refuse('the link', e);
      return false;
    }
  }

  /** Opens a replay published beside the app (the sample). */
  async openUrl(url: string, source: string): Promise<boolean> {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new ReplayError(`it could not be loaded (HTTP ${res.status})`);
      return this.openText(await res.text(), source);
    } catch (e) {
      this.refuse(source, e instanceof ReplayError ? e : new ReplayError(`it could not be loaded (${(e as Error).message})`));
      return false;
    }
  }

  close(): void {
    this.current = null;
  }

  say(level: ShelfMessage['level'], text: string): void {
    this.message = { level, text };
  }

  private refuse(source: string, e: unknown): void {
    // A ReplayError names what is wrong; anything else is a bug of ours, shown as such (always as text).
    const why = e instanceof ReplayError ? e.message : `an unexpected error (${e instanceof Error ? e.message : String(e)})`;
    this.message = { level: 'error', text: `Could not open ${source}: ${why.replace(/\.$/, '')}. Nothing was changed.` };
  }
}
