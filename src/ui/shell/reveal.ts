// Brings a result into view after the person's Run or Submit, unless it is already on screen: on a phone the verdict
// otherwise lands a thousand pixels below the buttons that asked for it.

/** How much of a card must be on screen to count as seen: its heading and the verdict under it. */
const SEEN_PX = 160;

export function reveal(el: Element | null): void {
  if (!el) return;
  const r = el.getBoundingClientRect();
  if (r.top >= 0 && r.top + Math.min(r.height, SEEN_PX) <= window.innerHeight) return;
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  el.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'start' });
}
