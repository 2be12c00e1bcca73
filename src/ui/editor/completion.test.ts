// aliasesIn, and the completion provider driven through a stand-in for Monaco's registry and text model (no editor starts).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TableInfo } from '../../env/types.ts';
import type { Monaco } from './monaco.ts';

type Completion = typeof import('./completion.ts');
type Provider = Parameters<Monaco['languages']['registerCompletionItemProvider']>[1];

/** The project's tables as describeTables reports them (seed 42, scale 1), trimmed to what completion reads. */
const TABLES: TableInfo[] = [
  {
    name: 'users',
    rows: 10_000,
    columns: [
      { name: 'id', type: 'BIGINT' },
      { name: 'email', type: 'VARCHAR' },
      { name: 'region', type: 'VARCHAR' },
    ],
  },
  {
    name: 'orders',
    rows: 500_465,
    columns: [
      { name: 'id', type: 'BIGINT' },
      { name: 'customer_id', type: 'BIGINT' },
      { name: 'total', type: 'DECIMAL(10,2)' },
    ],
  },
];

// The module registers its provider once per page, so each test loads a fresh copy of it.
let completion: Completion;
beforeEach(async () => {
  vi.resetModules();
  completion = await import('./completion.ts');
});

describe('aliasesIn', () => {
  const aliases = (sql: string) => completion.aliasesIn(sql, TABLES);

  it('maps every FROM and JOIN table to itself and its alias to it, with or without AS', () => {
    expect(aliases('SELECT o.id FROM orders o JOIN users AS u ON u.id = o.customer_id')).toEqual(
      new Map([
        ['orders', 'orders'],
        ['o', 'orders'],
        ['users', 'users'],
        ['u', 'users'],
      ]),
    );
  });

  it('ignores case, and lower-cases what it returns', () => {
    expect(aliases('select * FROM Orders O left JOIN USERS Cust on true')).toEqual(
      new Map([
        ['orders', 'orders'],
        ['o', 'orders'],
        ['users', 'users'],
        ['cust', 'users'],
      ]),
    );
  });

  const O: [string, string] = ['orders', 'orders'];
  const U: [string, string] = ['users', 'users'];
  it.each([
    ['WHERE', 'SELECT * FROM orders WHERE total > 5', [O]],
    ['GROUP BY', 'SELECT count(*) FROM orders GROUP BY ALL', [O]],
    ['ORDER BY', 'SELECT * FROM orders ORDER BY id', [O]],
    ['LIMIT', 'SELECT * FROM orders LIMIT 5', [O]],
    ['QUALIFY', 'SELECT * FROM orders QUALIFY row_number() OVER () = 1', [O]],
    ['ON', 'SELECT * FROM orders o JOIN users ON true', [O, ['o', 'orders'], U]],
    ['LEFT JOIN', 'SELECT * FROM orders LEFT JOIN users USING (id)', [O, U]],
    ['SEMI JOIN', 'SELECT * FROM orders SEMI JOIN users ON true', [O, U]],
    ['UNION', 'SELECT id FROM orders UNION ALL SELECT id FROM users', [O, U]],
  ] as [string, string, [string, string][]][])('does not take the keyword after a table for its alias: %s', (_, sql, entries) => {
    expect(aliases(sql)).toEqual(new Map(entries));
  });

  it('skips names that are not tables: CTEs, subqueries, longer names, quoted names', () => {
    expect(aliases('WITH s AS (SELECT 1) SELECT * FROM s x JOIN (SELECT 1) y ON true')).toEqual(new Map());
    expect(aliases('SELECT * FROM orders_archive a, "users" u')).toEqual(new Map());
    expect(aliases('')).toEqual(new Map());
  });

  it('lets a later clause re-bind an alias', () => {
    expect(aliases('SELECT 1 FROM orders t UNION ALL SELECT 1 FROM users t').get('t')).toBe('users');
  });

  it('knows nothing without tables', () => {
    expect(completion.aliasesIn('SELECT * FROM orders o', [])).toEqual(new Map());
  });

  // Known bugs, reported rather than fixed here; `it.fails` turns red once one is fixed: make it `it`.
  // Only the first table of a comma list is read, so in task_4's own original `o.` offers everything.
  it.fails('KNOWN BUG: aliases of every table in a comma-separated FROM list', () => {
    expect(aliases('SELECT u.region, SUM(o.total)\nFROM users u, orders o\nWHERE u.id = o.customer_id').get('o')).toBe('orders');
  });

  // The match for `FROM orders` swallows the next word as a candidate alias; when that word is JOIN, the joined
  // table and its alias are never read.
  it.fails('KNOWN BUG: the table joined right after a table without an alias', () => {
    expect(aliases('SELECT u.email FROM orders JOIN users u ON u.id = orders.customer_id').get('u')).toBe('users');
  });
});

/** A stand-in for the parts of Monaco that installCompletion touches, recording what it registers. */
function fakeMonaco() {
  const registered: { language: string; provider: Provider }[] = [];
  const monaco = {
    languages: {
      CompletionItemKind: { Field: 'field', Struct: 'struct', Keyword: 'keyword' },
      registerCompletionItemProvider(language: string, provider: Provider) {
        registered.push({ language, provider });
        return { dispose() {} };
      },
    },
  };
  return { monaco: monaco as unknown as Monaco, registered };
}

/** Completions at the `|` in `text`, as Monaco would ask for them (word range as getWordUntilPosition gives it). */
function complete(provider: Provider, text: string) {
  const at = text.indexOf('|');
  const value = text.slice(0, at) + text.slice(at + 1);
  const lines = value.split('\n');
  const lineNumber = text.slice(0, at).split('\n').length;
  const column = at - text.lastIndexOf('\n', at - 1);
  const word = /\w*$/.exec(lines[lineNumber - 1].slice(0, column - 1))![0];
  const model = {
    getValue: () => value,
    getLineContent: (n: number) => lines[n - 1],
    getWordUntilPosition: () => ({ word, startColumn: column - word.length, endColumn: column }),
  };
  // The provider answers synchronously; the fake kinds are strings, so the items are read as such.
  const list = provider.provideCompletionItems(model as never, { lineNumber, column } as never, {} as never, {} as never);
  return (list as unknown as { suggestions: { label: string; kind: string; detail?: string; insertText: string; range: unknown }[] })
    .suggestions;
}

describe('installCompletion', () => {
  let provider: Provider;
  let tables: TableInfo[];
  beforeEach(() => {
    const { monaco, registered } = fakeMonaco();
    tables = TABLES;
    completion.installCompletion(monaco, () => tables);
    expect(registered.map((r) => [r.language, r.provider.triggerCharacters])).toEqual([['sql', ['.']]]);
    provider = registered[0].provider;
  });

  it('registers one provider per page, however many editors install it', () => {
    const again = fakeMonaco();
    completion.installCompletion(again.monaco, () => tables);
    expect(again.registered).toEqual([]);
  });

  it('after an alias and a dot, offers exactly the columns of its table, typed and ranged at the cursor', () => {
    expect(complete(provider, 'SELECT o.| FROM orders o')).toEqual(
      [
        ['id', 'BIGINT'],
        ['customer_id', 'BIGINT'],
        ['total', 'DECIMAL(10,2)'],
      ].map(([name, type]) => ({
        label: name,
        kind: 'field',
        detail: `orders.${name} · ${type}`,
        insertText: name,
        range: { startLineNumber: 1, endLineNumber: 1, startColumn: 10, endColumn: 10 },
      })),
    );
  });

  it('resolves the alias from any line, and replaces the part of the word already typed', () => {
    const s = complete(provider, 'SELECT\n  u.em|\nFROM users AS u');
    expect(s.map((x) => x.label)).toEqual(['id', 'email', 'region']);
    expect(s[1].range).toEqual({ startLineNumber: 2, endLineNumber: 2, startColumn: 5, endColumn: 7 });
  });

  it('after a table name and a dot, offers its columns before any FROM is written', () => {
    expect(complete(provider, 'SELECT users.|').map((x) => x.label)).toEqual(['id', 'email', 'region']);
  });

  it('after a table name and a dot, offers its columns even without an alias, in any case', () => {
    expect(complete(provider, 'SELECT ORDERS.| FROM orders').map((x) => x.detail)).toEqual([
      'orders.id · BIGINT',
      'orders.customer_id · BIGINT',
      'orders.total · DECIMAL(10,2)',
    ]);
  });

  it('elsewhere offers tables with their row counts, each column name once, then keywords', () => {
    const s = complete(provider, 'SELECT |');
    expect(s.slice(0, 7)).toEqual([
      { label: 'users', kind: 'struct', detail: 'table · 10,000 rows', insertText: 'users', range: expect.any(Object) },
      { label: 'orders', kind: 'struct', detail: 'table · 500,465 rows', insertText: 'orders', range: expect.any(Object) },
      // `id` is in both tables: offered once, described by the first
      { label: 'id', kind: 'field', detail: 'users.id · BIGINT', insertText: 'id', range: expect.any(Object) },
      { label: 'email', kind: 'field', detail: 'users.email · VARCHAR', insertText: 'email', range: expect.any(Object) },
      { label: 'region', kind: 'field', detail: 'users.region · VARCHAR', insertText: 'region', range: expect.any(Object) },
      { label: 'customer_id', kind: 'field', detail: 'orders.customer_id · BIGINT', insertText: 'customer_id', range: expect.any(Object) },
      { label: 'total', kind: 'field', detail: 'orders.total · DECIMAL(10,2)', insertText: 'total', range: expect.any(Object) },
    ]);
    const keywords = s.slice(7);
    expect(keywords.every((k) => k.kind === 'keyword' && k.insertText === k.label && k.detail === undefined)).toBe(true);
    expect(keywords.map((k) => k.label)).toEqual(expect.arrayContaining(['SELECT', 'LEFT JOIN', 'GROUP BY', 'QUALIFY', 'ROW_NUMBER']));
    expect(new Set(s.map((x) => x.label)).size).toBe(s.length);
  });

  it('an unknown qualifier falls back to everything', () => {
    const unranged = (text: string) => complete(provider, text).map(({ range: _, ...rest }) => rest);
    expect(unranged('SELECT x.| FROM orders o')).toEqual(unranged('SELECT | FROM orders o'));
  });

  it('reads the tables at each request, so it follows the engine schema', () => {
    expect(complete(provider, 'SELECT p.| FROM products p')).toHaveLength(complete(provider, 'SELECT |').length);
    tables = [...TABLES, { name: 'products', rows: 1_000, columns: [{ name: 'price', type: 'DECIMAL(10,2)' }] }];
    expect(complete(provider, 'SELECT p.| FROM products p').map((x) => x.detail)).toEqual(['products.price · DECIMAL(10,2)']);
    tables = [];
    expect(complete(provider, 'SELECT o.| FROM orders o').every((x) => x.kind === 'keyword')).toBe(true);
  });
});
