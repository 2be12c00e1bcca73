// Keeping keys out of what the page shows and saves: an endpoint is named by its host only, and any text that leaves
// the panel (a message, an exported line) has every key the person gave, and anything shaped like a token, blanked.
import { redactor } from '../../agent/errors.ts';

/** The endpoint as replays and messages name it: host and port, never a path, query or credentials. */
export function endpointHost(baseUrl: string): string {
  try {
    return new URL(baseUrl.trim()).host || 'an unnamed host';
  } catch {
    return 'an invalid URL';
  }
}

/** Shorter strings are not blanked: a one-letter "key" would shred every message (and protects nothing). */
const MIN_SECRET = 4;

/** `text` with each secret replaced by *** (hf_… and sk-… tokens too, known or not). */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.trim().length >= MIN_SECRET) out = redactor(s.trim())(out);
  return redactor(undefined)(out);
}
