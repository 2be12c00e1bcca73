// Share links point at the viewer page, which shows a replay without downloading the database.
import type { Replay } from '../../replay/format.ts';
import { encodeLink } from '../../replay/link.ts';

/** The page that views replays without starting the engine, beside the app. */
export const VIEWER_URL = './viewer.html';

/** A link to the viewer carrying the replay; throws ReplayError when it is too large for a link. */
export async function shareLink(replay: Replay, base = location.href): Promise<string> {
  return `${new URL(VIEWER_URL, base).href}#${await encodeLink(replay)}`;
}
