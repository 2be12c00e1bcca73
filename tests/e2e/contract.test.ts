// The contract (tests/contract/checks.ts) registered against window.sqlOptimEnv in Chromium: the same checks, whole
// answers and whole messages as the Node transports, through the page's worker and supervisor.
import { after, before, describe, it } from 'node:test';
import type { Response } from '../../src/env/types.ts';
import { CONTRACT, type Transport } from '../contract/checks.ts';
import { newContext, openApp, startHarness, type Harness } from './harness.ts';

let h: Harness;
let t: Transport;

before(async () => {
  h = await startHarness();
  const { context, rec } = await newContext(h);
  const page = await openApp(h, context, rec);
  t = {
    name: 'window.sqlOptimEnv',
    public: true,
    reveals: true,
    call: (op, arg) =>
      page.evaluate(([op, arg]) => (window.sqlOptimEnv as unknown as Record<string, (a: unknown) => Promise<Response<unknown>>>)[op](arg), [
        op,
        arg,
      ] as const),
    methods: () => page.evaluate(() => Object.keys(window.sqlOptimEnv)),
    close: () => context.close(),
  };
});
after(async () => {
  await t?.close();
  await h?.close();
});

describe('contract: window.sqlOptimEnv', () => {
  for (const [title, check] of CONTRACT) it(title, () => check(t));
});
