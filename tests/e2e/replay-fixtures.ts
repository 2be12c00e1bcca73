// Shared by the replay e2e tests: the sample replay, hostile and broken replay files, opening a file with every
// request cut off, and walking through every step of a replay in a viewer.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { type Replay, REPLAY_VERSION, parseReplay } from '../../src/replay/format.ts';
import { embedReplay } from '../../src/replay/standalone.ts';
import { HANG_MS } from './harness.ts';

export const SAMPLE: Replay = parseReplay(readFileSync(fileURLToPath(new URL('../../public/sample-replay.json', import.meta.url)), 'utf8'));
const TEMPLATE = fileURLToPath(new URL('../../dist/replay-viewer.html', import.meta.url));

/** Markup that would run script if a viewer ever treated replay text as HTML; each sets window.__pwned. */
export const PAYLOADS = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '</script><script>window.__pwned=2</script>',
  svg: '<svg onload="window.__pwned=3"></svg><!--',
};

/** A valid replay whose text fields carry script payloads: it opens, and must show them as plain text. */
export function hostileReplay(): Replay {
  const r = structuredClone(SAMPLE);
  r.policy = { name: `${PAYLOADS.img} policy`, details: PAYLOADS.svg };
  const ep = r.episodes[0];
  ep.task_name = `${PAYLOADS.script} task`;
  ep.steps[0].action.summary = `${PAYLOADS.img}${PAYLOADS.script}`;
  ep.steps[0].action.suggestions[0].description = PAYLOADS.svg;
  ep.steps[0].action.optimized_query = `-- ${PAYLOADS.script}\n${ep.steps[0].action.optimized_query}`;
  ep.steps[0].reward.feedback = [PAYLOADS.img];
  return r;
}

/** Broken or hostile files, each with the message it must be refused with. */
export function refusedFiles(): { name: string; text: string; message: RegExp }[] {
  // Wrong types on purpose: the replay is edited as untyped JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Loose = Record<string, any>;
  const mutate = (fn: (r: Loose) => void) => {
    const r = structuredClone(SAMPLE) as unknown as Loose;
    fn(r);
    return JSON.stringify(r);
  };
  return [
    {
      name: 'truncated.json',
      text: JSON.stringify(SAMPLE).slice(0, 5000),
      message: /Could not open “truncated\.json”: the file is not valid JSON/,
    },
    {
      name: 'other.json',
      text: '{"hello": "world"}',
      message: /not a sql-optim-env replay \(format must be "sql-optim-env\.replay", got nothing\)/,
    },
    { name: 'list.json', text: '[1, 2, 3]', message: /a replay must be a JSON object/ },
    {
      name: 'types.json',
      text: mutate((r) => (r.episodes[1].steps[2].execution.speedup = 'fast')),
      message: /replay\.episodes\[1\]\.steps\[2\]\.execution\.speedup must be a number \(got "fast"\)/,
    },
    {
      name: 'approved.json',
      text: mutate((r) => (r.episodes[0].steps[0].action.approved = 'yes')),
      message: /replay\.episodes\[0\]\.steps\[0\]\.action\.approved must be true or false/,
    },
    {
      name: 'empty.json',
      text: mutate((r) => (r.episodes = [])),
      message: /replay\.episodes must have at least 1 entry \(got a list of 0\)/,
    },
    {
      name: 'future.json',
      text: mutate((r) => (r.version = REPLAY_VERSION + 1)),
      message: /uses format version 2, made by a newer sql-optim-env; this one reads version 1\. Please open it with a newer version/,
    },
    // A payload in a field the validator quotes back: the message must show it as text.
    {
      name: 'payload-version.json',
      text: mutate((r) => (r.version = PAYLOADS.img)),
      message: /version must be a whole number \(got "<img src=x onerror=\\"window\.__pwned=1\\">"\)/,
    },
    {
      name: 'page.html',
      text: `<html><body>${PAYLOADS.img}</body></html>`,
      message: /this HTML file is not an exported sql-optim-env replay/,
    },
  ];
}

/** A file just over the replay size limit, written to disk (too large to pass through the protocol as a buffer). */
export function hugeFile(): string {
  const path = join(tmpdir(), `sql-optim-env-huge-${process.pid}.json`);
  writeFileSync(path, `{"format":"sql-optim-env.replay","pad":"${'x'.repeat(21 * 2 ** 20)}"}`);
  return path;
}

/** A standalone viewer file for `replay`, made from the built template. */
export function standaloneFile(replay: Replay, name: string): string {
  const path = join(tmpdir(), `${name}-${process.pid}.html`);
  writeFileSync(path, embedReplay(readFileSync(TEMPLATE, 'utf8'), replay));
  return path;
}

/** Opens a file:// page in a context where every request, the file's own included, is recorded and all others aborted. */
export async function openOffline(
  browser: Browser,
  path: string,
): Promise<{ page: Page; requests: string[]; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1100 } });
  context.setDefaultTimeout(HANG_MS);
  const url = pathToFileURL(path).href;
  const requests: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.request().url() === url ? route.continue() : route.abort();
  });
  // Requests that never reach routing (a worker's own, a data: URL) are still reported here.
  context.on('request', (r) => {
    if (r.url() !== url && !requests.includes(r.url())) requests.push(r.url());
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, requests, problems, close: () => context.close() };
}

/** Visits every step of every episode and checks the views show that step's recorded figures and text. */
export async function scrubEverything(page: Page, replay: Replay): Promise<number> {
  let visited = 0;
  for (const [e, ep] of replay.episodes.entries()) {
    if (replay.episodes.length > 1) await page.getByTestId(`replay-episode-${e}`).click();
    await page.getByTestId('replay-task').filter({ hasText: ep.task_name }).waitFor();
    for (const s of ep.steps) {
      await page.getByTestId(`scrub-step-${s.step}`).click();
      const feedback = page.getByTestId('feedback').and(page.locator(`[data-step="${s.step}"]`));
      await feedback.waitFor();
      assert.equal(
        await feedback.getByTestId('speedup').getAttribute('data-value'),
        String(s.execution.speedup ?? ''),
        `${ep.task_id} step ${s.step} speedup`,
      );
      assert.equal(
        await feedback.getByTestId('reward-score').textContent(),
        s.reward.score.toFixed(2),
        `${ep.task_id} step ${s.step} reward`,
      );
      assert.equal(await feedback.getByTestId('verdict').textContent(), s.execution.verdict);
      assert.equal(await page.getByTestId('replay-summary').textContent(), s.action.summary || '—');
      visited++;
    }
  }
  return visited;
}

/** The step's rewrite as Monaco shows it in the scrubber's diff (the modified side). */
export async function diffText(page: Page): Promise<string> {
  // Inline diffs also render deleted lines as view zones with the same class; the text lines are the other one.
  const side = page.getByTestId('scrub-diff').locator('.editor.modified .view-lines:not(.line-delete)');
  await side.waitFor();
  return (await side.innerText()).replace(/\u00a0/g, ' ');
}

/** True when no payload ran and no element a payload would create exists. */
export async function payloadInert(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      (window as unknown as { __pwned?: number }).__pwned === undefined &&
      document.querySelectorAll('img[src="x"], svg[onload]').length === 0,
  );
}
