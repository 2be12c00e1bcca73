// Each rewrite rule on text: what it turns a matching query into, and the near misses it must leave alone.
import { describe, expect, it } from 'vitest';
import { REWRITE_RULES, rewrite } from './rewrites.ts';
import { parseSchema } from './sql-text.ts';

const SCHEMA = parseSchema(
  [
    'users (10,000 rows): id BIGINT, email VARCHAR, tier VARCHAR, region VARCHAR, plan VARCHAR, created_at DATE',
    'orders (500,500 rows): id BIGINT, customer_id BIGINT, product_id BIGINT, status VARCHAR, total DECIMAL(10,2), created_at DATE',
    'events (1,001,000 rows): id BIGINT, user_id BIGINT, session_id VARCHAR, event_type VARCHAR, occurred_at DATE',
  ].join('\n'),
);

/** The rewrite by one rule alone; the input unchanged when it does not fire. */
function by(name: string, sql: string): string {
  const rule = REWRITE_RULES.find((r) => r.name === name);
  if (!rule) throw new Error(`no rule ${name}`);
  return rewrite(sql, SCHEMA, [rule]).sql;
}

describe('predicate rules', () => {
  it('integer_text_compare: a text cast of an integer column compared to a canonical integer', () => {
    expect(by('integer_text_compare', "SELECT id FROM orders WHERE CAST(customer_id AS VARCHAR) = '5000' AND status = 'x'")).toBe(
      "SELECT id FROM orders WHERE customer_id = 5000 AND status = 'x'",
    );
    expect(by('integer_text_compare', "SELECT id FROM orders o WHERE o.customer_id::VARCHAR = '-7'")).toBe(
      'SELECT id FROM orders o WHERE o.customer_id = -7',
    );
    for (const sql of [
      "SELECT id FROM orders WHERE CAST(customer_id AS VARCHAR) = '05000'", // never equal to a cast integer
      "SELECT id FROM orders WHERE CAST(customer_id AS VARCHAR) = '-0'",
      "SELECT id FROM orders WHERE CAST(status AS VARCHAR) = '1'", // not an integer column
      "SELECT id FROM orders WHERE CAST(total AS VARCHAR) = '1'", // DECIMAL text has a scale
      "SELECT id FROM orders WHERE CAST(customer_id AS VARCHAR) = '5' || 'x'", // the literal is an operand of ||
      "SELECT id FROM (SELECT status AS customer_id FROM orders) s WHERE CAST(customer_id AS VARCHAR) = '5'", // derived column
      "SELECT 1 FROM (SELECT status AS customer_id FROM orders) o WHERE CAST(o.customer_id AS VARCHAR) = '5' " +
        'AND EXISTS (SELECT 1 FROM orders o)', // o is also a table alias, in another scope
      "WITH orders AS (SELECT status AS customer_id FROM users) SELECT 1 FROM orders WHERE CAST(orders.customer_id AS VARCHAR) = '5'",
    ])
      expect(by('integer_text_compare', sql), sql).toBe(sql);
  });

  it('integer_text_join: text casts on both integer sides of a join', () => {
    expect(
      by('integer_text_join', 'SELECT 1 FROM events e JOIN users u ON CAST(e.user_id AS VARCHAR) = CAST(u.id AS VARCHAR) WHERE true'),
    ).toBe('SELECT 1 FROM events e JOIN users u ON e.user_id = u.id WHERE true');
    const mixed = 'SELECT 1 FROM events e JOIN users u ON CAST(e.session_id AS VARCHAR) = CAST(u.id AS VARCHAR)';
    expect(by('integer_text_join', mixed)).toBe(mixed);
  });

  it('date_period_range: year(), date_part, extract, strftime and date_trunc equalities on a DATE column', () => {
    const range = (c: string, a: string, b: string) => `${c} >= DATE '${a}' AND ${c} < DATE '${b}'`;
    const cases: [string, string][] = [
      ['year(created_at) = 2024', range('created_at', '2024-01-01', '2025-01-01')],
      ["date_part('year', created_at) = 2023", range('created_at', '2023-01-01', '2024-01-01')],
      ['extract(year FROM created_at) = 2024', range('created_at', '2024-01-01', '2025-01-01')],
      ["strftime(created_at, '%Y-%m') = '2024-12'", range('created_at', '2024-12-01', '2025-01-01')],
      ["strftime(created_at, '%Y-%m-%d') = '2024-02-29'", range('created_at', '2024-02-29', '2024-03-01')],
      ["date_trunc('quarter', created_at) = DATE '2024-04-01'", range('created_at', '2024-04-01', '2024-07-01')],
    ];
    for (const [pred, want] of cases)
      expect(by('date_period_range', `SELECT id FROM orders WHERE status = 'x' AND ${pred}`)).toBe(
        `SELECT id FROM orders WHERE status = 'x' AND ${want}`,
      );
    // Under an OR the range is parenthesised, so its AND cannot bind to a neighbour.
    expect(by('date_period_range', "SELECT id FROM orders WHERE year(created_at) = 2024 OR status = 'x'")).toBe(
      `SELECT id FROM orders WHERE (${range('created_at', '2024-01-01', '2025-01-01')}) OR status = 'x'`,
    );
    for (const sql of [
      'SELECT id FROM orders WHERE NOT year(created_at) = 2024', // NULL and false differ under NOT (year(infinity) is NULL)
      'SELECT year(created_at) = 2024 AS this_year FROM orders', // a value, not a filter
      "SELECT id FROM orders WHERE strftime(created_at, '%Y-%m') = '2024-13'",
      "SELECT id FROM orders WHERE date_trunc('month', created_at) = DATE '2024-03-15'", // not a month's first day
      'SELECT id FROM orders WHERE year(status) = 2024', // not a DATE
      'SELECT id FROM orders WHERE year(created_at) = 2024 + 1',
      'SELECT id FROM orders WHERE id BETWEEN 1 AND year(created_at) = 2024',
    ])
      expect(by('date_period_range', sql), sql).toBe(sql);
  });

  it('date_diff_range: the arithmetic moves to the constant side, either argument order', () => {
    expect(by('date_diff_range', "SELECT id FROM events WHERE date_diff('day', occurred_at, DATE '2024-12-31') BETWEEN 0 AND 7 - 1;")).toBe(
      "SELECT id FROM events WHERE occurred_at BETWEEN DATE '2024-12-25' AND DATE '2024-12-31';",
    );
    expect(by('date_diff_range', "SELECT id FROM events WHERE date_diff('day', DATE '2024-03-01', occurred_at) BETWEEN 1 AND 2")).toBe(
      "SELECT id FROM events WHERE occurred_at BETWEEN DATE '2024-03-02' AND DATE '2024-03-03'",
    );
    const month = "SELECT id FROM events WHERE date_diff('month', occurred_at, DATE '2024-12-31') BETWEEN 0 AND 1";
    expect(by('date_diff_range', month)).toBe(month);
  });

  it('anchored_regex_equality: a regex that can match one string only', () => {
    expect(by('anchored_regex_equality', "SELECT id FROM events WHERE regexp_matches(session_id, '^sess_77$')")).toBe(
      "SELECT id FROM events WHERE session_id = 'sess_77'",
    );
    expect(by('anchored_regex_equality', "SELECT id FROM events WHERE regexp_full_match(event_type, 'view')")).toBe(
      "SELECT id FROM events WHERE event_type = 'view'",
    );
    for (const sql of [
      "SELECT id FROM events WHERE regexp_matches(session_id, 'sess_77')", // unanchored: a substring match
      "SELECT id FROM events WHERE regexp_matches(session_id, '^sess.77$')", // a metacharacter
      "SELECT id FROM events WHERE regexp_matches(session_id, '^sess_77$', 'i')", // options
      "SELECT id FROM events WHERE regexp_matches(user_id, '^7$')", // not text: '07' would differ
    ])
      expect(by('anchored_regex_equality', sql), sql).toBe(sql);
  });
});

describe('shape rules', () => {
  it('conditional_count: in a GROUP BY, never inside a window or without groups', () => {
    expect(
      by('conditional_count', "SELECT user_id, sum(CASE WHEN event_type = 'x' THEN 1 ELSE 0 END) AS n FROM events GROUP BY user_id"),
    ).toBe("SELECT user_id, count(*) FILTER (WHERE event_type = 'x') AS n FROM events GROUP BY user_id");
    for (const sql of [
      "SELECT sum(CASE WHEN event_type = 'x' THEN 1 ELSE 0 END) FROM events", // empty input: sum is NULL, count 0
      "SELECT sum(CASE WHEN event_type = 'x' THEN 1 ELSE 0 END) OVER (PARTITION BY user_id) FROM events",
      "SELECT user_id, sum(CASE WHEN event_type = 'x' THEN 1 END) FROM events GROUP BY user_id", // no ELSE 0: NULL when none
      "SELECT user_id, sum(CASE WHEN event_type = 'x' THEN 1 ELSE 0 END) FROM events GROUP BY ROLLUP (user_id)",
    ])
      expect(by('conditional_count', sql), sql).toBe(sql);
  });

  it('drop_subquery_sort: only where an order-blind aggregate reads the subquery', () => {
    const sorted = (outer: string) => `SELECT ${outer} FROM (\n    SELECT *\n    FROM orders\n    ORDER BY total DESC\n) AS s`;
    expect(by('drop_subquery_sort', `${sorted('customer_id, count(*)')} GROUP BY customer_id`)).toBe(
      'SELECT customer_id, count(*) FROM (\n    SELECT *\n    FROM orders\n) AS s GROUP BY customer_id',
    );
    for (const sql of [
      `${sorted('customer_id, list(total)')} GROUP BY customer_id`, // list() keeps input order
      sorted('customer_id'), // no aggregate: the order may reach the result
      `${sorted('count(*)')} LIMIT 3`.replace('DESC', 'DESC LIMIT 10'), // the sort picks which rows
    ])
      expect(by('drop_subquery_sort', sql), sql).toBe(sql);
  });

  it('explicit_join: the join conditions of a comma join move into ON', () => {
    expect(
      by(
        'explicit_join',
        "SELECT u.region, count(*)\nFROM users u, orders o\nWHERE u.id = o.customer_id\n  AND o.status = 'x'\nGROUP BY u.region;",
      ),
    ).toBe("SELECT u.region, count(*)\nFROM users u\nJOIN orders o ON u.id = o.customer_id\nWHERE o.status = 'x'\nGROUP BY u.region;");
    const withOr = "SELECT 1 FROM users u, orders o WHERE u.id = o.customer_id OR o.status = 'x'";
    expect(by('explicit_join', withOr)).toBe(withOr);
  });

  it('merge_scalar_aggregates: one pass when every subquery reads the same rows', () => {
    const q = (a: string, b: string) =>
      `SELECT\n    (SELECT count(*) FROM orders WHERE ${a}) AS n,\n    (SELECT max(total) FROM orders WHERE ${b}) AS m;`;
    expect(by('merge_scalar_aggregates', q("status = 'x'", "status = 'x'"))).toBe(
      "SELECT count(*) AS n,\n       max(total) AS m\nFROM orders WHERE status = 'x';",
    );
    for (const sql of [
      q("status = 'x'", "status = 'X'"),
      'SELECT (SELECT count(*) FROM orders) AS n, (SELECT total FROM orders LIMIT 1) AS t',
    ])
      expect(by('merge_scalar_aggregates', sql), sql).toBe(sql);
  });

  it('row_number_top_n: a global row_number filter ending at id becomes ORDER BY … LIMIT', () => {
    const q = (order: string, cmp: string) =>
      `SELECT id, total\nFROM (\n    SELECT id, total,\n           row_number() OVER (ORDER BY ${order}) AS rn\n` +
      `    FROM orders\n    WHERE status = 'x'\n) AS ranked\nWHERE rn ${cmp};`;
    expect(by('row_number_top_n', q('total DESC NULLS LAST, id', '<= 20'))).toBe(
      "SELECT id, total\nFROM orders\nWHERE status = 'x'\nORDER BY total DESC NULLS LAST, id\nLIMIT 20;",
    );
    expect(by('row_number_top_n', q('total, id DESC', '< 5'))).toContain('LIMIT 4;');
    for (const sql of [q('total DESC', '<= 20'), q('total, id', '= 2')]) expect(by('row_number_top_n', sql), sql).toBe(sql);
  });

  it('running_aggregate_window: a correlated running sum over all rows of the key becomes a window', () => {
    const q = (cond: string, where = 'WHERE o.customer_id = 7') =>
      `SELECT o.id,\n       (SELECT sum(o2.total) FROM orders o2 WHERE ${cond}) AS running\nFROM orders o\n${where};`;
    const window =
      'CASE WHEN o.customer_id IS NOT NULL AND o.created_at IS NOT NULL THEN sum(o.total) OVER (PARTITION BY o.customer_id ' +
      'ORDER BY o.created_at ASC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END';
    const want = `SELECT o.id,\n       ${window} AS running\nFROM orders o\nWHERE o.customer_id = 7;`;
    expect(by('running_aggregate_window', q('o2.customer_id = o.customer_id AND o2.created_at <= o.created_at'))).toBe(want);
    expect(by('running_aggregate_window', q('o.created_at >= o2.created_at AND o.customer_id = o2.customer_id'))).toBe(want);
    for (const sql of [
      q('o2.customer_id = o.customer_id AND o2.created_at >= o.created_at'), // a reverse running sum
      q('o2.customer_id = o.customer_id AND o2.created_at < o.created_at'), // strictly earlier: another frame
      q('o2.customer_id = o.customer_id AND o2.created_at <= o.created_at', "WHERE o.customer_id = 7 AND o.status = 'x'"), // rows missing
      q('o2.customer_id = o.customer_id AND o2.created_at <= o.created_at', 'WHERE o.product_id = 7'), // another key
    ])
      expect(by('running_aggregate_window', sql), sql).toBe(sql);
  });

  it('or_to_union_all: an OR of two columns becomes two disjoint branches', () => {
    expect(by('or_to_union_all', "SELECT id FROM events WHERE occurred_at = DATE '2024-05-10' OR session_id = 's'")).toBe(
      "SELECT id FROM events\nWHERE occurred_at = DATE '2024-05-10'\nUNION ALL\n" +
        "SELECT id FROM events\nWHERE session_id = 's'\n  AND (occurred_at = DATE '2024-05-10') IS NOT TRUE",
    );
    for (const sql of [
      "SELECT count(*) FROM events WHERE occurred_at = DATE '2024-05-10' OR session_id = 's'", // an aggregate over both
      "SELECT id FROM events WHERE event_type = 'a' OR event_type = 'b'", // one column: one range already
      "SELECT id FROM events WHERE user_id = 1 AND occurred_at = DATE '2024-05-10' OR session_id = 's'",
    ])
      expect(by('or_to_union_all', sql), sql).toBe(sql);
  });

  it('distinct_semi_join: DISTINCT over a join used as a filter becomes IN (subquery)', () => {
    expect(
      by(
        'distinct_semi_join',
        "SELECT DISTINCT u.id, u.email\nFROM users u\nJOIN events e ON e.user_id = u.id\nWHERE e.event_type = 'view'",
      ),
    ).toBe("SELECT DISTINCT u.id, u.email\nFROM users u\nWHERE u.id IN (SELECT e.user_id FROM events e WHERE e.event_type = 'view')");
    for (const sql of [
      'SELECT DISTINCT u.id, e.event_type FROM users u JOIN events e ON e.user_id = u.id', // a column of the probed side
      "SELECT DISTINCT u.id FROM users u JOIN events e ON e.user_id = u.id WHERE u.tier = 'x' AND e.event_type = 'v'",
    ])
      expect(by('distinct_semi_join', sql), sql).toBe(sql);
  });
});

describe('semi_join_before_aggregate', () => {
  const q = (cte: string, main: string) =>
    `WITH stats AS (\n    SELECT customer_id, count(*) AS n\n    FROM orders\n    ${cte}\n)\n` +
    `SELECT u.email, s.n\nFROM stats s\nJOIN users u ON u.id = s.customer_id\n${main};`;

  it('filters the rows before grouping when the filter after it reads the joined side only', () => {
    expect(by('semi_join_before_aggregate', q('GROUP BY customer_id', "WHERE u.tier = 'x'\n  AND u.region = 'EU'"))).toBe(
      q(
        "WHERE customer_id IN (SELECT u.id FROM users u WHERE u.tier = 'x' AND u.region = 'EU')\n    GROUP BY customer_id",
        "WHERE u.tier = 'x'\n  AND u.region = 'EU'",
      ),
    );
  });

  it('leaves a filter on the aggregate, a window over the groups and an outer join alone', () => {
    for (const sql of [
      q('GROUP BY customer_id', "WHERE u.tier = 'x' AND s.n > 3"),
      q('GROUP BY customer_id', "WHERE u.tier = 'x'").replace('count(*) AS n', 'rank() OVER (ORDER BY count(*)) AS n'),
      q('GROUP BY customer_id', "WHERE u.tier = 'x'").replace('JOIN users', 'LEFT JOIN users'),
      q("WHERE status = 'x' GROUP BY customer_id", "WHERE u.tier = 'x'"),
    ])
      expect(by('semi_join_before_aggregate', sql), sql).toBe(sql);
  });
});

describe('rewrite', () => {
  it('applies every matching rule in turn, and names them', () => {
    const r = rewrite("SELECT *\nFROM orders\nWHERE CAST(customer_id AS VARCHAR) = '5000'\n  AND year(created_at) = 2024;", SCHEMA);
    expect(r.applied.map((x) => x.name)).toEqual(['integer_text_compare', 'date_period_range']);
    expect(r.sql).toBe(
      "SELECT *\nFROM orders\nWHERE customer_id = 5000\n  AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01';",
    );
  });

  it('knows a column through a table whose name is also a select-list alias', () => {
    expect(rewrite('SELECT count(*) AS events FROM events WHERE year(occurred_at) = 2024', SCHEMA).applied.map((x) => x.name)).toEqual([
      'date_period_range',
    ]);
  });

  it('never touches strings or comments that look like SQL', () => {
    const sql = "SELECT 'year(created_at) = 2024' AS s -- CAST(customer_id AS VARCHAR) = '1'\nFROM orders";
    expect(rewrite(sql, SCHEMA)).toEqual({ sql, applied: [] });
  });
});
