// Plausible wrong rewrites that the visible and holdout data accept are told apart by an edge-case dataset; honest ones are not.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTasks, type TaskDef } from '../../src/env/tasks.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { allVariants, compareOn, type EdgeEngine, edgeEngines, pinned } from './edge-engines.ts';

const tasks = new Map([...loadTasks(readTaskFiles()).values()].map((t) => [t.id.replace(/^(task_\d+)_.*$/, '$1'), t]));
const task = (short: string): TaskDef => tasks.get(short)!;

let edges: EdgeEngine[];
beforeAll(async () => {
  edges = await edgeEngines();
});

const engineOf = (name: string) => edges.find((e) => e.name === name)!.engine;

/** A wrong rewrite of one task variant, the class of data it gets wrong, and the edge dataset that shows it. */
interface WrongRewrite {
  kind: string;
  task: string;
  values: Record<string, string | number>;
  /** the rewrite, with the task's {{placeholders}} */
  sql: string;
  caughtBy: string;
}

// Each of these returned the original's rows on the visible data (seed 42, scale 1) and on the holdout when written,
// so before the edge datasets they were judged correct.
const WRONG: WrongRewrite[] = [
  // ---- rows on the first or last day of a range, and beyond the visible dates
  {
    kind: 'range start dropped: January 2024 is the first visible month',
    task: 'task_6',
    values: { month: '2024-01' },
    sql: `SELECT event_type, count(*) AS events, count(DISTINCT user_id) AS users
          FROM events WHERE occurred_at < DATE '2024-02-01' GROUP BY event_type`,
    caughtBy: 'boundaries',
  },
  {
    kind: 'the last day of a half-open range included',
    task: 'task_24',
    values: { from: '2023-01-01', to: '2025-01-01' },
    sql: `SELECT date_trunc('month', created_at) AS month, status, count(*) AS orders, sum(total) AS revenue
          FROM orders WHERE created_at BETWEEN DATE '{{from}}' AND DATE '{{to}}' GROUP BY ALL`,
    caughtBy: 'boundaries',
  },
  {
    kind: 'a since filter dropped: no visible order is older',
    task: 'task_13',
    values: { since: '2023-01-01' },
    sql: `WITH per_customer AS (SELECT customer_id, count(*) AS orders, sum(total) AS spend FROM orders GROUP BY customer_id)
          SELECT u.id, u.email, u.tier, u.region, p.orders, p.spend FROM per_customer p JOIN users u ON u.id = p.customer_id`,
    caughtBy: 'boundaries',
  },
  {
    kind: 'a year as an open range: no visible order is newer',
    task: 'task_1',
    values: { customer: 5000, year: 2024 },
    sql: `SELECT id, customer_id, product_id, status, total, created_at FROM orders
          WHERE customer_id = {{customer}} AND created_at >= DATE '{{year}}-01-01'`,
    caughtBy: 'boundaries',
  },
  {
    kind: 'an events date filter dropped: no visible event is older',
    task: 'task_26',
    values: { since: '2024-01-01' },
    sql: `SELECT customer_id AS user_id FROM orders WHERE status = 'cancelled' AND created_at >= DATE '{{since}}'
          UNION SELECT user_id FROM events WHERE event_type = 'signup'`,
    caughtBy: 'boundaries',
  },
  // ---- the same month in another year
  {
    kind: 'month() for a year-month',
    task: 'task_6',
    values: { month: '2024-03' },
    sql: `SELECT event_type, count(*) AS events, count(DISTINCT user_id) AS users
          FROM events WHERE month(occurred_at) = 3 GROUP BY event_type`,
    caughtBy: 'boundaries',
  },
  {
    kind: "strftime('%m') for a year-month",
    task: 'task_6',
    values: { month: '2024-11' },
    sql: `SELECT event_type, count(*) AS events, count(DISTINCT user_id) AS users
          FROM events WHERE strftime(occurred_at, '%m') = '11' GROUP BY event_type`,
    caughtBy: 'boundaries',
  },
  // ---- exact re-ingested duplicates inside a small result
  {
    kind: 'DISTINCT on one customer-year (customer 5000 is not in the holdout)',
    task: 'task_1',
    values: { customer: 5000, year: 2024 },
    sql: `SELECT DISTINCT id, customer_id, product_id, status, total, created_at FROM orders
          WHERE customer_id = {{customer}} AND created_at >= DATE '{{year}}-01-01' AND created_at < DATE '{{year}}-12-31' + 1`,
    caughtBy: 'nulls_and_duplicates',
  },
  {
    kind: 'DISTINCT on one session (session 12345 is not in the holdout)',
    task: 'task_7',
    values: { session: 12345 },
    sql: `SELECT DISTINCT id, user_id, event_type, occurred_at FROM events WHERE session_id = 'sess_{{session}}'`,
    caughtBy: 'nulls_and_duplicates',
  },
  {
    kind: 'rank() for row_number(): copies straddle the cut',
    task: 'task_18',
    values: { status: 'shipped', n: 10 },
    sql: `SELECT id, customer_id, total FROM (
            SELECT id, customer_id, total, rank() OVER (ORDER BY total DESC NULLS LAST, id) AS rn
            FROM orders WHERE status = '{{status}}') WHERE rn <= {{n}}`,
    caughtBy: 'nulls_and_duplicates',
  },
  // ---- ties at a LIMIT cut
  {
    kind: 'a threshold for a top-n: keeps every row tied with the n-th',
    task: 'task_18',
    values: { status: 'completed', n: 20 },
    sql: `SELECT id, customer_id, total FROM orders
          WHERE status = '{{status}}'
            AND total >= (SELECT total FROM orders WHERE status = '{{status}}' ORDER BY total DESC NULLS LAST LIMIT 1 OFFSET {{n}} - 1)`,
    caughtBy: 'ties_and_text_order',
  },
  // ---- ids whose text order differs from their numeric order
  {
    kind: 'the latest order by a text key "date id"',
    task: 'task_2',
    values: { tier: 'free', since: '2024-01-01' },
    sql: `WITH per_customer AS (
            SELECT customer_id,
                   count(*) FILTER (WHERE status = 'completed') AS completed_orders,
                   sum(total) FILTER (WHERE created_at >= DATE '{{since}}') AS ytd_spend,
                   arg_max_null(total, created_at::VARCHAR || ' ' || id::VARCHAR) AS last_order_amount
            FROM orders GROUP BY customer_id)
          SELECT u.email, u.region, coalesce(p.completed_orders, 0), p.ytd_spend, p.last_order_amount
          FROM users u LEFT JOIN per_customer p ON p.customer_id = u.id WHERE u.tier = '{{tier}}'`,
    caughtBy: 'ties_and_text_order',
  },
  {
    kind: 'ties broken by the id as text',
    task: 'task_23',
    values: { since: '2024-07-01', n: 25 },
    sql: `SELECT id, customer_id, total, created_at FROM orders WHERE created_at >= DATE '{{since}}'
          ORDER BY total DESC, CAST(id AS VARCHAR) LIMIT {{n}}`,
    caughtBy: 'ties_and_text_order',
  },
  // ---- session ids, categories and statuses in other formats or letter cases
  {
    kind: 'the session number parsed out of the id',
    task: 'task_7',
    values: { session: 777 },
    sql: `SELECT id, user_id, event_type, occurred_at FROM events
          WHERE TRY_CAST(split_part(session_id, '_', 2) AS BIGINT) = {{session}}`,
    caughtBy: 'formats_and_wildcards',
  },
  {
    kind: 'categories compared case-insensitively',
    task: 'task_15',
    values: { category_a: 'Books', category_b: 'Sports' },
    sql: `SELECT u.id AS user_id, p.id AS product_id FROM users u CROSS JOIN products p
          WHERE u.tier = 'premium' AND lower(p.category) = lower('{{category_a}}')
          UNION ALL
          SELECT u.id, p.id FROM users u CROSS JOIN products p
          WHERE u.tier = 'enterprise' AND lower(p.category) = lower('{{category_b}}')`,
    caughtBy: 'formats_and_wildcards',
  },
  {
    kind: 'ILIKE for a status',
    task: 'task_18',
    values: { status: 'completed', n: 50 },
    sql: `SELECT id, customer_id, total FROM orders WHERE status ILIKE '{{status}}' ORDER BY total DESC NULLS LAST, id LIMIT {{n}}`,
    caughtBy: 'formats_and_wildcards',
  },
  {
    kind: 'NOT IN the other seen statuses for IN the wanted ones',
    task: 'task_4',
    values: {},
    sql: `SELECT u.region, u.plan, count(*) AS total_orders, sum(o.total) AS revenue,
                 (SELECT avg(total) FROM orders) AS global_avg,
                 (SELECT max(total) FROM orders WHERE status = 'completed') AS max_deal
          FROM users u JOIN orders o ON u.id = o.customer_id
          WHERE o.status NOT IN ('pending', 'cancelled')
          GROUP BY u.region, u.plan`,
    caughtBy: 'formats_and_wildcards',
  },
  {
    kind: "LIKE '%purchase%' taken for equality",
    task: 'task_3',
    values: {},
    sql: `SELECT id, user_id, session_id, event_type, occurred_at,
                 CAST(id AS VARCHAR) || '_' || event_type AS event_key, upper(event_type) AS event_type_upper
          FROM events WHERE session_id LIKE 'sess_%' OR event_type = 'purchase' OR event_type LIKE '%buy%'`,
    caughtBy: 'formats_and_wildcards',
  },
  // ---- LIKE wildcards in the data
  {
    kind: "LIKE for an anchored regex: '_' matches any character",
    task: 'task_7',
    values: { session: 777 },
    sql: `SELECT id, user_id, event_type, occurred_at FROM events WHERE session_id LIKE 'sess_{{session}}'`,
    caughtBy: 'formats_and_wildcards',
  },
  {
    kind: "starts_with for LIKE 'sess_%'",
    task: 'task_3',
    values: {},
    sql: `SELECT id, user_id, session_id, event_type, occurred_at,
                 CAST(id AS VARCHAR) || '_' || event_type AS event_key, upper(event_type) AS event_type_upper
          FROM events WHERE starts_with(session_id, 'sess_') OR contains(event_type, 'purchase') OR contains(event_type, 'buy')`,
    caughtBy: 'formats_and_wildcards',
  },
  {
    kind: "the filter dropped: every visible session matches 'sess_%'",
    task: 'task_3',
    values: {},
    sql: `SELECT id, user_id, session_id, event_type, occurred_at,
                 CAST(id AS VARCHAR) || '_' || event_type AS event_key, upper(event_type) AS event_type_upper
          FROM events`,
    caughtBy: 'formats_and_wildcards',
  },
  // ---- customers whose totals are all NULL
  {
    kind: 'COALESCE of a sum',
    task: 'task_9',
    values: { sort_key: 'total DESC' },
    sql: `SELECT customer_id, count(*) AS orders, coalesce(sum(total), 0) AS spend FROM orders GROUP BY customer_id`,
    caughtBy: 'nulls_and_duplicates',
  },
  {
    kind: 'NULL totals summed as zero',
    task: 'task_13',
    values: { since: '2024-01-01' },
    sql: `WITH per_customer AS (
            SELECT customer_id, count(*) AS orders, sum(coalesce(total, 0)) AS spend
            FROM orders WHERE created_at >= DATE '{{since}}' GROUP BY customer_id)
          SELECT u.id, u.email, u.tier, u.region, p.orders, p.spend FROM per_customer p JOIN users u ON u.id = p.customer_id`,
    caughtBy: 'nulls_and_duplicates',
  },
  // ---- a row satisfying both branches of an OR
  {
    kind: 'OR split into UNION ALL without excluding the rows of both branches',
    task: 'task_10',
    values: { day: '2024-02-29', session: 777 },
    sql: `SELECT id, user_id, session_id, event_type FROM events WHERE occurred_at = DATE '{{day}}'
          UNION ALL
          SELECT id, user_id, session_id, event_type FROM events WHERE session_id = 'sess_{{session}}'`,
    caughtBy: 'boundaries',
  },
  // ---- users with orders but no events (users 2000-2499 are not in the holdout)
  {
    kind: 'the two fan-outs aggregated apart, forgetting a user needs both',
    task: 'task_21',
    values: { first_id: 2000 },
    sql: `WITH o AS (
            SELECT u.region, count(DISTINCT o.id) AS orders FROM users u JOIN orders o ON o.customer_id = u.id
            WHERE u.id BETWEEN {{first_id}} AND {{first_id}} + 499 GROUP BY u.region),
          e AS (
            SELECT u.region, count(DISTINCT e.id) AS events FROM users u JOIN events e ON e.user_id = u.id
            WHERE u.id BETWEEN {{first_id}} AND {{first_id}} + 499 GROUP BY u.region)
          SELECT o.region, o.orders, e.events FROM o JOIN e ON o.region IS NOT DISTINCT FROM e.region`,
    caughtBy: 'boundaries',
  },
  // ---- task constants the holdout lacks (sessions there stop near 1000)
  {
    kind: 'a prefix match for a whole session id (session 12345 is not in the holdout)',
    task: 'task_7',
    values: { session: 12345 },
    sql: `SELECT id, user_id, event_type, occurred_at FROM events WHERE starts_with(session_id, 'sess_{{session}}')`,
    caughtBy: 'boundaries',
  },
  // ---- a float column rounded to 4 decimals
  {
    kind: 'an average rounded to 4 decimals',
    task: 'task_4',
    values: {},
    sql: `SELECT u.region, u.plan, count(*) AS total_orders, sum(o.total) AS revenue,
                 round((SELECT avg(total) FROM orders), 4) AS global_avg,
                 (SELECT max(total) FROM orders WHERE status = 'completed') AS max_deal
          FROM users u JOIN orders o ON u.id = o.customer_id
          WHERE o.status IN ('completed', 'shipped')
          GROUP BY u.region, u.plan`,
    caughtBy: 'small_amounts',
  },
];

describe('wrong rewrites are told apart by an edge dataset', () => {
  it.each(WRONG.map((w) => [w.task, w.kind, w] as const))('%s: %s', (_t, _k, w) => {
    const t = task(w.task);
    const inst = pinned(t, w.values, w.sql);
    expect(inst.reference, 'every placeholder is filled').not.toMatch(/\{\{\w+\}\}/);
    const r = compareOn(engineOf(w.caughtBy), inst.original, inst.reference, t.order_sensitive);
    expect(r.original.n, 'the original returns rows').toBeGreaterThan(0);
    expect(r.match, `${w.caughtBy} tells the rewrite apart`).toBe(false);
  });
});

describe('honest rewrites are not: each reference matches its original on every edge dataset, for every variant', () => {
  const cases = [...tasks.values()].flatMap((t) => allVariants(t).map((values) => [t.id, JSON.stringify(values), t, values] as const));

  it.each(cases)('%s %s', (_id, _label, t, values) => {
    const inst = pinned(t, values);
    for (const { name, engine } of edges)
      expect(compareOn(engine, inst.original, inst.reference, t.order_sensitive).match, name).toBe(true);
  });

  it.each([...tasks.values()].map((t) => [t.id, t] as const))('%s: naming the tables main.<table> still runs and matches', (_id, t) => {
    const inst = pinned(t, allVariants(t)[0]);
    const qualified = inst.reference.replace(/\b(FROM|JOIN)\s+(users|orders|products|events)\b/gi, '$1 main.$2');
    expect(qualified).toMatch(/\bmain\.(users|orders|products|events)\b/);
    for (const { name, engine } of edges) expect(compareOn(engine, inst.original, qualified, t.order_sensitive).match, name).toBe(true);
  });
});
