// The Chromium every browser tool here drives (e2e tests, page-ready): Debian's package, and the flags this machine needs.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No sandbox as root, and no background traffic (it would be refused, flagged, or skew a measurement). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
