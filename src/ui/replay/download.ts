// Saving replays as files: one text form and one naming scheme for every export, from the app or the viewer.
import type { Replay } from '../../replay/format.ts';

/** A replay as saved to a .json file (one value per line is diffable and still compact). */
export function replayText(replay: Replay): string {
  return `${JSON.stringify(replay, null, 1)}\n`;
}

/** A file name like "replay-task_1_basic_antipatterns-2026-11-25T10-00-00.json". */
export function fileName(replay: Replay, ext: string): string {
  const stamp = replay.created_at.replace(/\..*$/, '').replace(/:/g, '-');
  const task = replay.episodes.length === 1 ? replay.episodes[0].task_id : `${replay.episodes.length}-episodes`;
  // Task ids are folder names, but a replay is outside data: keep the name to safe characters.
  return `replay-${task}-${stamp}`.replace(/[^\w.-]+/g, '_') + `.${ext}`;
}

/** Saves text as a download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by now; the URL is not needed past this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
