// locateError on real DuckDB-WASM error messages (as the engine's gate reports them, and raw) and on malformed ones.
import { describe, expect, it } from 'vitest';
import { locateError } from './sql-error.ts';

// Messages captured from DuckDB-WASM 1.32.0 (DuckDB v1.4.3): DuckDBEngine.gate(sql) on the project's tables. The gate
// keeps DuckDB's first four distinct lines, so its messages hold one LINE block where DuckDB's raw text repeats it.
const GATED: [what: string, sql: string, message: string, expected: ReturnType<typeof locateError>][] = [
  [
    'a typo in the first keyword',
    'SELEC 1',
    'Parser Error: syntax error at or near "SELEC"\nLINE 1: SELEC 1\n        ^',
    { line: 1, column: 1, message: 'Parser Error: syntax error at or near "SELEC"' },
  ],
  [
    'a misspelt table, with a suggestion',
    'SELECT id FROM ordrs',
    'Catalog Error: Table with name ordrs does not exist!\nDid you mean "orders"?\nLINE 1: SELECT id FROM ordrs\n                       ^',
    { line: 1, column: 16, message: 'Catalog Error: Table with name ordrs does not exist!\nDid you mean "orders"?' },
  ],
  [
    'an unknown column on the second line',
    'SELECT id,\n  nope\nFROM orders',
    'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "customer_id"\nLINE 2:   nope\n          ^',
    { line: 2, column: 3, message: 'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "customer_id"' },
  ],
  [
    'an unknown column on the third line',
    'SELECT id\nFROM orders\nWHERE stauts = 1',
    'Binder Error: Referenced column "stauts" not found in FROM clause!\nCandidate bindings: "status", "total", "product_id"\nLINE 3: WHERE stauts = 1\n              ^',
    {
      line: 3,
      column: 7,
      message: 'Binder Error: Referenced column "stauts" not found in FROM clause!\nCandidate bindings: "status", "total", "product_id"',
    },
  ],
  [
    'a column missing from an aliased table',
    'SELECT id FROM orders o JOIN users u ON o.customer_id = u.idd',
    'Binder Error: Table "u" does not have a column named "idd"\nCandidate bindings: : "id"\nLINE 1: SELECT id FROM orders o JOIN users u ON o.customer_id = u.idd\n                                                                ^',
    { line: 1, column: 57, message: 'Binder Error: Table "u" does not have a column named "idd"\nCandidate bindings: : "id"' },
  ],
  [
    'an unterminated comment',
    'SELECT 1 /* ',
    'Parser Error: unterminated /* comment at or near "/* "\nLINE 1: SELECT 1 /* \n                 ^',
    { line: 1, column: 10, message: 'Parser Error: unterminated /* comment at or near "/* "' },
  ],
  [
    'a two-byte character before the error (columns are UTF-16 units, as the editor counts)',
    "SELECT 'é' AS x, nope FROM orders",
    'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "customer_id"\nLINE 1: SELECT \'é\' AS x, nope FROM orders\n                         ^',
    { line: 1, column: 18, message: 'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "customer_id"' },
  ],
  [
    'an emoji before the error (one code point, two UTF-16 units, two columns wide)',
    "SELECT '😀' AS x, nope FROM orders",
    'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "customer_id"\nLINE 1: SELECT \'😀\' AS x, nope FROM orders\n                          ^',
    { line: 1, column: 19, message: 'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "customer_id"' },
  ],
];

describe('locateError', () => {
  it.each(GATED)('%s', (_, sql, message, expected) => {
    expect(locateError(message)).toEqual(expected);
    // The column points at the offending token in the user's own text.
    const { line, column } = expected!;
    expect(sql.split('\n')[line - 1].slice(column - 1)).toMatch(/^(SELEC|ordrs|nope|stauts|u\.idd|\/\*)/);
  });

  it.each([
    ['a syntax error at the end of the input', 'Parser Error: syntax error at end of input'],
    ['an ambiguous column', 'Binder Error: Ambiguous reference to column name "id" (use: "users.id" or "orders.id")'],
    // The gate's four-line cut drops the LINE block after DuckDB's list of candidate functions.
    [
      'a binder error whose LINE block was cut',
      'Binder Error: Could not choose a best candidate function for the function call "+(STRING_LITERAL, INTEGER_LITERAL)". In order to select one, please add explicit type casts.\n\tCandidate functions:\n\t+(DATE, INTEGER) -> DATE\n\t+(INTEGER, INTEGER) -> INTEGER',
    ],
    ['an empty message', ''],
    ['LINE in the middle of a sentence', 'Parser Error: near LINE 2: x'],
    ['lower-case line', 'line 1: SELECT\n       ^'],
  ])('names no place for %s', (_, message) => {
    expect(locateError(message)).toBeNull();
  });

  it("reads DuckDB's raw text, where the LINE block repeats after blank lines", () => {
    const raw = 'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^\n\nLINE 1: SELEC 1\n        ^';
    expect(locateError(raw)).toEqual({ line: 1, column: 1, message: 'Parser Error: syntax error at or near "SELEC"' });
    const candidates =
      'Binder Error: Could not choose a best candidate function for the function call "+(STRING_LITERAL, INTEGER_LITERAL)". In order to select one, please add explicit type casts.\n\tCandidate functions:\n\t+(DATE, INTEGER) -> DATE\n\t+(INTEGER, INTEGER) -> INTEGER\n\n\nLINE 1: SELECT \'x\' + 1\n                   ^';
    expect(locateError(candidates)).toEqual({
      line: 1,
      column: 12,
      message:
        'Binder Error: Could not choose a best candidate function for the function call "+(STRING_LITERAL, INTEGER_LITERAL)". In order to select one, please add explicit type casts.\n\tCandidate functions:\n\t+(DATE, INTEGER) -> DATE\n\t+(INTEGER, INTEGER) -> INTEGER',
    });
  });

  it('measures the caret from a prefix as wide as the line number', () => {
    expect(locateError('Binder Error: x\nLINE 12: WHERE stauts = 1\n               ^')).toEqual({
      line: 12,
      column: 7,
      message: 'Binder Error: x',
    });
    expect(locateError('Binder Error: x\nLINE 3:WHERE y\n              ^')).toEqual({ line: 3, column: 8, message: 'Binder Error: x' });
  });

  it('falls back to column 1 when the caret is missing or sits inside the prefix', () => {
    expect(locateError('Binder Error: x\nLINE 4: SELECT y')).toEqual({ line: 4, column: 1, message: 'Binder Error: x' });
    expect(locateError('Binder Error: x\nLINE 4: SELECT y\nnot a caret line')).toEqual({
      line: 4,
      column: 1,
      message: 'Binder Error: x\nnot a caret line',
    });
    expect(locateError('Binder Error: x\nLINE 4: SELECT y\n  ^')).toEqual({ line: 4, column: 1, message: 'Binder Error: x' });
  });

  it('keeps the whole message when it is nothing but the LINE block', () => {
    const message = 'LINE 2: FROM ordrs\n             ^';
    expect(locateError(message)).toEqual({ line: 2, column: 6, message });
  });

  // Known bugs, reported rather than fixed here: DuckDB pads the caret line by display width (a tab is 0 wide, a
  // CJK character 2) and cuts long lines to a window starting with "...", while the editor counts UTF-16 units of the
  // whole line. These assert the right column; `it.fails` turns red once locateError handles them: make them `it`.
  it.fails('KNOWN BUG: a tab before the error (DuckDB counts it 0 wide)', () => {
    const message =
      'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "id"\nLINE 1: SELECT\tid, nope FROM orders\n                  ^';
    expect(locateError(message)?.column).toBe('SELECT\tid, '.length + 1);
  });

  it.fails('KNOWN BUG: CJK characters before the error (DuckDB counts each 2 wide)', () => {
    const message =
      'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "id"\nLINE 1: SELECT \'日本\' AS x, nope FROM orders\n                            ^';
    expect(locateError(message)?.column).toBe("SELECT '日本' AS x, ".length + 1);
  });

  it.fails('KNOWN BUG: a long line that DuckDB shows from "..." onwards', () => {
    const sql = `SELECT id, ${Array.from({ length: 40 }, (_, i) => `customer_id AS c${i}`).join(', ')}, nope FROM orders`;
    const message =
      'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "customer_id"\nLINE 1: ..., customer_id AS c37, customer_id AS c38, customer_id AS c39, nope FROM orders\n                                                                         ^';
    expect(locateError(message)?.column).toBe(sql.indexOf('nope') + 1);
  });
});
