// One opened replay as the viewer shows it: which episode, which step, and the step views' EpisodeView contract.
import type { HistoryEntry } from '../../env/types.ts';
import type { Replay, ReplayEpisode } from '../../replay/format.ts';
import type { EpisodeView } from '../lib/episode-view.ts';

export class ReplayView implements EpisodeView {
  episodeIndex = $state(0);
  scrub = $state(0);
  view = $state<'run' | 'step'>('step');
  /** a replay has no unsubmitted Run; re-run figures are shown beside the recorded ones instead */
  readonly run = null;
  // Getters, not $derived: the replay never changes, and reads of episodeIndex/scrub inside them are tracked anyway.
  get episode(): ReplayEpisode {
    return this.replay.episodes[this.episodeIndex];
  }
  get history(): HistoryEntry[] {
    return this.episode.steps;
  }
  get header(): { original: string } {
    return { original: this.episode.original_query };
  }

  /** `source` says where it came from ("sample-replay.json", "a link"), for the person. */
  constructor(
    readonly replay: Replay,
    readonly source: string,
  ) {}

  /** Shows another episode of the replay, from its first step. */
  selectEpisode(i: number): void {
    this.episodeIndex = Math.max(0, Math.min(this.replay.episodes.length - 1, i));
    this.scrub = 0;
    this.view = 'step';
  }
}
