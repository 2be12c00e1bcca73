// Small edge-case datasets (design §3): values just outside every visible range, NULLs, duplicates, ties and odd text.

/**
 * One edge-case dataset: statements that create and fill users, products, orders and events (the generator's columns
 * and types) in the current schema of a DuckDB of its own. A rewrite is correct only if it matches the original here too.
 */
export interface EdgeDataset {
  name: string;
  /** what it holds that the visible and holdout data lack, and which wrong rewrites that exposes */
  why: string;
  statements: string[];
}

/*
 * Rules every dataset keeps, because the task references (honest rewrites) rely on them and a real schema would
 * declare them: users.id and products.id are unique; orders.id and events.id repeat only as exact re-ingested copies;
 * ids, tier, plan, users.created_at, name, price, product_id, status, orders.created_at, session_id, event_type and
 * occurred_at are never NULL. Every other value is fair game: NULL email, region, category, customer_id, total and
 * user_id; ids, dates and amounts outside the visible ranges; orders and events of users that do not exist; unseen
 * statuses, tiers, categories, event types and session formats.
 *
 * Each dataset starts from the same core, which holds every constant the tasks use (tasks/*\/task.json params and
 * original.sql), so that every variant's original returns rows everywhere; tests/integration/edge-datasets.test.ts
 * fails when one does not (say, a new task constant the core lacks). Everything is arithmetic on row numbers: no random().
 */

// ---- the constants of the tasks

/** Customers the tasks name: task_1 and task_16. */
const TASK_CUSTOMERS = [1, 2345, 5000, 5358, 6639, 7920, 8888];
/** task_21 picks users first_id .. first_id + 499: each range gets users on, inside and just outside its ends. */
const TASK_ID_RANGES = [100, 2000, 5000];
/** Sessions of task_7 and task_10. */
const TASK_SESSIONS = [250, 777, 1234, 12345, 30000, 31337, 40001];
/** task_10's days: every task session has events on each, so some rows satisfy both branches of its OR. */
const TASK_OR_DAYS = ['2024-02-29', '2024-05-10', '2024-11-30'];
/** The day before each of task_26's since days: users 45..47 sign up then and never again, so a dropped or loosened bound shows. */
const SIGNUP_EVE = [
  [45, '2023-12-31'],
  [46, '2024-06-30'],
  [47, '2024-10-31'],
] as const;

// ---- users

/**
 * 1..48 cover every tier × region pair (NULL region included) twice within 1..36, the customers; 37..48 never order
 * (empty groups of every tier); 31..36 order but have no events; 45..47 have one event each, a signup on the day
 * before one of task_26's since days (SIGNUP_EVE); 48 has nothing at all.
 */
const DENSE_USERS = 48;
/** Users with orders but no events, and with events but no orders, inside each of task_21's ranges. */
const ORDERS_ONLY = TASK_ID_RANGES.map((f) => f + 250);
const EVENTS_ONLY = TASK_ID_RANGES.map((f) => f + 1);
const RANGE_USERS = TASK_ID_RANGES.flatMap((f) => [f - 1, f, f + 1, f + 250, f + 499, f + 500]);
/** 999 / 1000 (like 9 / 10 and 99 / 100 above): ids whose text order is not their numeric order. */
const TEXT_ORDER_USERS = [999, 1000];
/** Ids beyond the visible 1..10 000 (0, and past 32 bits): each has exactly one order and one event. */
const BEYOND_USERS = [0, 10_001, 123_456, 10_000_000_000];

const KEYED_USERS = [...new Set([...TASK_CUSTOMERS, ...RANGE_USERS, ...TEXT_ORDER_USERS])]
  .filter((id) => id > DENSE_USERS)
  .sort((a, b) => a - b);
const ALL_USERS = [...Array.from({ length: DENSE_USERS }, (_, i) => i + 1), ...KEYED_USERS, ...BEYOND_USERS];

/** Customers and event users of the round robin below; NULL is the guest / anonymous visitor, 20000 and 77777 do not exist. */
const CUSTOMERS = [
  ...ALL_USERS.filter((id) => id >= 1 && id <= 36),
  ...KEYED_USERS.filter((id) => !EVENTS_ONLY.includes(id)),
  20_000,
  'NULL',
];
const EVENT_USERS = [
  ...ALL_USERS.filter((id) => (id >= 1 && id <= 30) || (id >= 37 && id <= 44)),
  ...KEYED_USERS.filter((id) => !ORDERS_ONLY.includes(id)),
  77_777,
  'NULL',
];

/**
 * Signup days: the visible span is 2019-01-01 .. 2023-12-31, so its ends and the days beyond; task_11's since days
 * (2023-07-01, 2023-10-01, 2023-12-01) and the day before each. Eleven of them, so the day does not follow the tier (id % 3).
 */
const SIGNUP_DAYS = [
  '2018-12-31',
  '2019-01-01',
  '2021-06-15',
  '2023-06-30',
  '2023-07-01',
  '2023-09-30',
  '2023-10-01',
  '2023-11-30',
  '2023-12-01',
  '2023-12-31',
  '2024-01-01',
];

// ---- SQL helpers

const list = (xs: (string | number)[]) => `[${xs.join(', ')}]`;
const dates = (xs: string[]) => `[${xs.map((d) => `DATE '${d}'`).join(', ')}]`;
const texts = (xs: string[]) => `[${xs.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')}]`;
/** Element `i` (0-based, any integer expression) of a SQL list, cycling. */
const cycle = (xs: string, n: number, i: string) => `${xs}[1 + ((${i}) % ${n})]`;

/** Casts every column to the generator's type, so a rewrite sees the same schema as on the visible data. */
const USERS_COLS =
  'id::BIGINT AS id, email::VARCHAR AS email, tier::VARCHAR AS tier, region::VARCHAR AS region, plan::VARCHAR AS plan, created_at::DATE AS created_at';
const PRODUCTS_COLS = 'id::BIGINT AS id, name::VARCHAR AS name, category::VARCHAR AS category, price::DECIMAL(10, 2) AS price';
const ORDERS_COLS =
  'id::BIGINT AS id, customer_id::BIGINT AS customer_id, product_id::BIGINT AS product_id, status::VARCHAR AS status, total::DECIMAL(10, 2) AS total, created_at::DATE AS created_at';
const EVENTS_COLS =
  'id::BIGINT AS id, user_id::BIGINT AS user_id, session_id::VARCHAR AS session_id, event_type::VARCHAR AS event_type, occurred_at::DATE AS occurred_at';

const TIERS = texts(['premium', 'free', 'enterprise']);
const REGIONS = `[${['US', 'EU', 'IN', 'UK', 'AU'].map((r) => `'${r}'`).join(', ')}, NULL]`;
const CATEGORIES = texts(['Electronics', 'Clothing', 'Food', 'Books', 'Sports']);
// Mostly completed, as in the generator; ten slots so that `id * 3 + id // 7` spreads them over every customer.
const STATUSES = texts([
  'completed',
  'shipped',
  'completed',
  'pending',
  'completed',
  'shipped',
  'completed',
  'cancelled',
  'completed',
  'shipped',
]);
// 'buy' is never visible, but task_3's original looks for it: every dataset gives that branch rows.
const EVENT_TYPES = texts(['view', 'click', 'search', 'purchase', 'view', 'logout', 'signup', 'buy']);

// ---- the core: every task constant, dates on and just beyond every range end

const coreUsers = `
CREATE TABLE users AS
SELECT ${USERS_COLS} FROM (
  SELECT id,
    'u' || id || '@mail.com' AS email,
    ${cycle(TIERS, 3, 'id')} AS tier,
    ${cycle(REGIONS, 6, 'id // 3')} AS region,
    -- plan follows tier, except every seventh user, as in the generator
    CASE WHEN (id % 3 = 0) = (id % 7 <> 0) THEN 'premium' ELSE 'basic' END AS plan,
    CASE WHEN id > 10000 THEN DATE '2026-06-15' ELSE ${cycle(dates(SIGNUP_DAYS), SIGNUP_DAYS.length, 'id')} END AS created_at
  FROM unnest(${list(ALL_USERS)}) t(id)
) ORDER BY id`;

const coreProducts = `
CREATE TABLE products AS
SELECT ${PRODUCTS_COLS} FROM (
  SELECT id, 'Product_' || id AS name,
    CASE WHEN id % 8 = 0 THEN NULL ELSE ${cycle(CATEGORIES, 5, 'id')} END AS category,
    1 + (id * 4567) % 30000 / 100 AS price
  -- 0 and 1001 lie outside the visible 1..1000; no order refers to them (empty groups)
  FROM (SELECT unnest(range(1, 41)) AS id UNION ALL SELECT unnest([0, 1001]))
) ORDER BY id`;

/**
 * Orders: two a day from 2022-12-25 to 2025-01-07 (the visible span 2023-01-01 .. 2024-12-31 and a week beyond each
 * end), so every date range of every task has rows on its first and last day and just outside; customers in a round
 * robin, so each has orders in 2023 and 2024. Then a single order for each user beyond the visible ids, and a few far
 * in the past and future. Ids follow time, as in the generator.
 */
const coreOrders = `
CREATE TABLE orders AS
SELECT ${ORDERS_COLS} FROM (
  SELECT id, customer_id,
    1 + (id * 13) % 40 AS product_id,
    ${cycle(STATUSES, 10, 'id * 3 + id // 7')} AS status,
    (id * 7919) % 60000 / 100 AS total,
    created_at
  FROM (
    SELECT row_number() OVER (ORDER BY created_at, src, k) AS id, customer_id, created_at
    FROM (
      SELECT 0 AS src, i AS k, ${cycle(list(CUSTOMERS), CUSTOMERS.length, 'i')} AS customer_id, DATE '2022-12-25' + (i // 2)::INTEGER AS created_at
      FROM range(0, 2 * 745) t(i)
      UNION ALL
      SELECT 1, k, ${cycle(list(BEYOND_USERS), BEYOND_USERS.length, 'k')}, DATE '2024-12-24' FROM range(0, ${BEYOND_USERS.length}) t(k)
      UNION ALL
      SELECT 2, k, ${cycle(list([7, 8, 20_000]), 3, 'k')}, ${cycle(dates(['2015-06-15', '2030-06-15']), 2, 'k')} FROM range(0, 4) t(k)
    )
  )
) ORDER BY id`;

/** Month-of-year twins: the 15th of every month of 2023 and 2025, beside the visible 2024. */
const TWIN_MONTHS = [2023, 2025].flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}-15`));

/**
 * Events: three a day from 2023-12-18 to 2025-01-14 (the visible 2024 and two weeks beyond each end), so every
 * month, window and day of the tasks has rows on its ends and just outside; the same month in 2023 and 2025; and
 * every task session on each of task_10's days and in 2025, beside sessions that extend it (sess_7770, sess_1777).
 */
const coreEvents = `
CREATE TABLE events AS
SELECT ${EVENTS_COLS} FROM (
  SELECT row_number() OVER (ORDER BY occurred_at, src, k) AS id, user_id, session_id,
    CASE WHEN src = 5 THEN 'signup' ELSE ${cycle(EVENT_TYPES, 8, 'k * 5 + k // 8 + src')} END AS event_type, occurred_at
  FROM (
    SELECT 0 AS src, i AS k, ${cycle(list(EVENT_USERS), EVENT_USERS.length, 'i')} AS user_id,
      -- sessions of one to two events, numbered up to ~51 600: inside the visible sess_0 .. sess_50001 and beyond it
      'sess_' || ((i // 3) * 131 + (i % 3) // 2) AS session_id, DATE '2023-12-18' + (i // 3)::INTEGER AS occurred_at
    FROM range(0, 3 * 394) t(i)
    UNION ALL
    SELECT 1, k, ${cycle(list(EVENT_USERS), EVENT_USERS.length, 'k * 7')}, 'sess_' || (60000 + k), ${cycle(dates(TWIN_MONTHS), TWIN_MONTHS.length, 'k')}
    FROM range(0, ${TWIN_MONTHS.length}) t(k)
    UNION ALL
    SELECT 2, k, ${cycle(list(BEYOND_USERS), BEYOND_USERS.length, 'k')}, 'sess_' || (70000 + k), DATE '2024-12-24' FROM range(0, ${BEYOND_USERS.length}) t(k)
    UNION ALL
    SELECT 3, k, ${cycle(list(EVENT_USERS), EVENT_USERS.length, 'k * 3')}, 'sess_' || ${cycle(list(TASK_SESSIONS), TASK_SESSIONS.length, 'k')},
      ${cycle(dates([...TASK_OR_DAYS, '2025-01-01']), 4, `k // ${TASK_SESSIONS.length}`)}
    FROM range(0, ${TASK_SESSIONS.length * 4}) t(k)
    UNION ALL
    SELECT 4, k, ${cycle(list(EVENT_USERS), EVENT_USERS.length, 'k * 5')},
      CASE WHEN k % 2 = 0 THEN 'sess_' || s || '0' ELSE 'sess_1' || s END, ${cycle(dates(TASK_OR_DAYS), 3, 'k')}
    FROM (SELECT k, ${cycle(list(TASK_SESSIONS), TASK_SESSIONS.length, 'k // 2')} AS s FROM range(0, ${TASK_SESSIONS.length * 2}) t(k))
    UNION ALL
    SELECT 5, k, user_id, 'sess_' || (80000 + k), day
    FROM (VALUES ${SIGNUP_EVE.map(([u, d], k) => `(${k}, ${u}, DATE '${d}')`).join(', ')}) t(k, user_id, day)
  )
) ORDER BY id`;

const CORE = [coreUsers, coreProducts, coreOrders, coreEvents];

// ---- the datasets: the core, then what each adds

/** Strings of the formats dataset: other letter cases, padding, separators, and LIKE wildcards inside the data. */
const SESSION_FORMATS = (s: number) => [
  `SESS_${s}`,
  `Sess_${s}`,
  `sess_0${s}`,
  `sess-${s}`,
  `sess%${s}`,
  `sess${s}`,
  `xsess_${s}`,
  `sess_${s} `,
  `user_${s}`,
  `sess_${s}.0`,
];
const ODD_EVENT_TYPES = [
  'Purchase',
  'PURCHASE',
  'repurchase',
  'purchase_refund',
  'buy',
  'Buy_now',
  'buy%',
  'View',
  'CLICK',
  'Signup',
  'sign_up',
  '',
];
const ODD_SESSIONS = [...TASK_SESSIONS.flatMap(SESSION_FORMATS), 'sess_', 'sess', 'sess_%', 'sess__1', 'sess\\_1', ''];
const ODD_TIERS = ['Premium', 'PREMIUM', 'premium ', 'Free', 'ENTERPRISE', 'trial'];
const ODD_REGIONS = ['us', 'Au', 'uk ', 'CA', '', 'I_'];
const ODD_CATEGORIES = ['books', 'BOOKS', 'Books ', 'Sport_s', 'Food%', 'electronics', '', 'Clothing\\'];
const ODD_STATUSES = ['Completed', 'COMPLETED', 'shipped ', 'refunded', 'returned', 'Cancelled', ''];

export const EDGE_DATASETS: EdgeDataset[] = [
  {
    name: 'boundaries',
    why:
      'the core every dataset shares (every task constant; dates on the first and last day of every task range and ' +
      'just outside, before 2023 and after 2024 for orders, outside 2024 for events, the same months in 2023 and 2025; ' +
      'ids beyond 1..10 000 and past 32 bits; users with orders but no events and the reverse; rows of a session on ' +
      'the day of the same OR), plus amounts at zero, negative, one cent and the DECIMAL(10, 2) maximum and dates in ' +
      '1970 and 2099: catches off-by-one bounds, bounds dropped because the visible data never crosses them, month() ' +
      'for a year-month, OR split into UNION ALL, inner joins turned into separate aggregates, and casts to INTEGER',
    statements: [
      ...CORE,
      `UPDATE orders SET total = CASE id % 20 WHEN 0 THEN 0 WHEN 1 THEN -total WHEN 2 THEN 0.01 WHEN 3 THEN 99999999.99 ELSE total END`,
      `UPDATE products SET price = CASE id % 10 WHEN 0 THEN 0 WHEN 1 THEN -price WHEN 2 THEN 99999999.99 ELSE price END`,
      // the extremes of the DATE type's everyday range, far from any task's dates
      `INSERT INTO orders VALUES (5000001, 1, 1, 'completed', 10.00, DATE '1970-01-01'), (5000002, 5000, 2, 'shipped', 20.00, DATE '2099-12-31')`,
      `INSERT INTO events VALUES (5000001, 1, 'sess_1', 'view', DATE '1970-01-01'), (5000002, 5000, 'sess_99999999', 'purchase', DATE '2099-12-31')`,
    ],
  },
  {
    name: 'nulls_and_duplicates',
    why:
      'NULL in every nullable column (email, region, category, customer_id, total, user_id) far more often than the ' +
      'visible 1%, customers whose every total is NULL (2345, 5358, 11, 12), and exact re-ingested copies (one or two ' +
      'extra) of two thirds of all orders and events, so small results and LIMIT cuts contain duplicates: catches ' +
      'COALESCE of NULL sums, count(col) for count(*), DISTINCT or UNION that drops copies, NOT IN over NULLs',
    statements: [
      ...CORE,
      `UPDATE users SET email = NULL WHERE id % 4 = 0`,
      `UPDATE users SET region = NULL WHERE id % 5 = 0`,
      `UPDATE products SET category = NULL WHERE id % 4 = 0`,
      `UPDATE orders SET total = NULL WHERE customer_id IN (2345, 5358, 11, 12) OR id % 7 = 0`,
      `UPDATE orders SET customer_id = NULL WHERE id % 13 = 0`,
      `UPDATE events SET user_id = NULL WHERE id % 9 = 0`,
      // id % 3 extra copies of each row (0, 1 or 2); re-ingested rows are identical in every column
      `INSERT INTO orders SELECT o.* FROM orders o, range(2) r(k) WHERE k < o.id % 3`,
      `INSERT INTO events SELECT e.* FROM events e, range(2) r(k) WHERE k < e.id % 3`,
    ],
  },
  {
    name: 'ties_and_text_order',
    why:
      'totals on a 50.00 grid, so every LIMIT cut, top-3 and rank falls inside a tie; a same-day second order for a ' +
      'third of all orders (RANGE vs ROWS frames, created_at ties); many users signing up on one day per region; and ' +
      'customers 1, 2 and 3 whose latest day holds orders 9999 and 10000, 99999 and 100000, 999999 and 1000000 (text ' +
      'order differs from numeric order): catches tie-breaks dropped or reversed, rank for row_number, thresholds ' +
      'instead of LIMIT, ROWS frames, and keys compared as text',
    statements: [
      ...CORE,
      `UPDATE orders SET total = round(total / 50) * 50`,
      // a second order on the same day with its own id (not a copy): peers for running totals and per-day ranks
      `INSERT INTO orders SELECT id + 100000, customer_id, 1 + (id * 17) % 40, status, total, created_at FROM orders WHERE id % 3 = 0`,
      `INSERT INTO orders VALUES
        (9999, 1, 1, 'completed', 111.11, DATE '2030-01-01'), (10000, 1, 2, 'completed', 222.22, DATE '2030-01-01'),
        (99999, 2, 3, 'shipped', 333.33, DATE '2030-01-01'), (100000, 2, 4, 'shipped', 444.44, DATE '2030-01-01'),
        (999999, 3, 5, 'pending', 555.55, DATE '2030-01-01'), (1000000, 3, 6, 'pending', 666.66, DATE '2030-01-01')`,
      `UPDATE users SET created_at = DATE '2023-07-01' WHERE id % 4 = 0`,
    ],
  },
  {
    name: 'formats_and_wildcards',
    why:
      'text in other letter cases, with padding, other separators and LIKE wildcards inside the data: session ids ' +
      "such as SESS_777, sess_0777, sess-777, sess%777, sess777, xsess_777 and 'sess_777 '; event types such as Purchase, " +
      'repurchase, buy and buy%; tiers, regions, categories and statuses never seen (Premium, trial, us, books, ' +
      "Sport_s, refunded, ''): catches LIKE where equality was meant (and back), starts_with for LIKE 'x_%', " +
      'lower() or ILIKE added, prefix or suffix matches, casts of text to numbers, and IN lists of the seen values',
    statements: [
      ...CORE,
      `INSERT INTO users SELECT ${USERS_COLS} FROM (
        SELECT 60 + k AS id, CASE WHEN k % 2 = 0 THEN 'U' || k || '_%@Mail.com' END AS email,
          ${cycle(texts(ODD_TIERS), ODD_TIERS.length, 'k')} AS tier, ${cycle(texts(ODD_REGIONS), ODD_REGIONS.length, 'k')} AS region,
          CASE WHEN k % 2 = 0 THEN 'Premium' ELSE 'basic' END AS plan, DATE '2023-10-01' AS created_at
        FROM range(0, 12) t(k))`,
      `INSERT INTO products SELECT ${PRODUCTS_COLS} FROM (
        SELECT 60 + k AS id, 'product_' || k AS name, ${cycle(texts(ODD_CATEGORIES), ODD_CATEGORIES.length, 'k')} AS category, 5 + k AS price
        FROM range(0, ${ODD_CATEGORIES.length}) t(k))`,
      `UPDATE orders SET status = ${cycle(texts(ODD_STATUSES), ODD_STATUSES.length, 'id // 25')} WHERE id % 25 = 0`,
      // orders of the odd users and products, on days every task's ranges include
      `INSERT INTO orders SELECT ${ORDERS_COLS} FROM (
        SELECT 200000 + k AS id, ${cycle('[60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 1, 2, 3]', 15, 'k')} AS customer_id,
          ${cycle('[60, 61, 62, 63, 64, 65, 66, 67, 1, 2]', 10, 'k')} AS product_id,
          ${cycle(texts(['completed', 'shipped', 'cancelled', ...ODD_STATUSES]), 10, 'k')} AS status,
          10 + k AS total, ${cycle(dates(['2024-03-01', '2024-06-15', '2024-10-01', '2024-12-24', '2023-07-01']), 5, 'k')} AS created_at
        FROM range(0, 60) t(k))`,
      `INSERT INTO events SELECT ${EVENTS_COLS} FROM (
        SELECT 200000 + k AS id, ${cycle('[60, 61, 62, 63, 1, 2, 3, 5000, 2000, NULL]', 10, 'k')} AS user_id,
          ${cycle(texts(ODD_SESSIONS), ODD_SESSIONS.length, 'k')} AS session_id,
          ${cycle(texts(ODD_EVENT_TYPES), ODD_EVENT_TYPES.length, 'k')} AS event_type,
          ${cycle(dates([...TASK_OR_DAYS, '2024-03-15', '2024-12-31', '2024-07-01']), 6, 'k')} AS occurred_at
        FROM range(0, ${ODD_SESSIONS.length}) t(k))`,
      `UPDATE events SET event_type = ${cycle(texts(ODD_EVENT_TYPES), ODD_EVENT_TYPES.length, 'id // 20')} WHERE id % 20 = 0 AND id < 200000`,
    ],
  },
  {
    name: 'small_amounts',
    why:
      'every total between -0.03 and 0.05 and every price between 0.01 and 0.05, so averages are small and have ' +
      'many decimals (avg(total) is 0.00995…, where round(x, 4) is off by far more than the comparison tolerance): ' +
      'catches rounding added to a float column, and sums or averages taken over other rows',
    statements: [...CORE, `UPDATE orders SET total = (id % 9 - 3) / 100`, `UPDATE products SET price = (id % 5 + 1) / 100`],
  },
];
