// Completion of table and column names (and aliases: `o.` offers the columns of `orders o`) in every SQL editor.
import type { TableInfo } from '../../env/types.ts';
import type { Monaco } from './monaco.ts';

// Words that may follow a table name but are not its alias.
const NOT_ALIAS = new Set([
  'where',
  'join',
  'left',
  'right',
  'inner',
  'outer',
  'full',
  'cross',
  'on',
  'using',
  'group',
  'order',
  'limit',
  'union',
  'natural',
  'semi',
  'anti',
  'asof',
  'positional',
  'window',
  'qualify',
  'having',
]);

const KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP BY',
  'ORDER BY',
  'HAVING',
  'LIMIT',
  'JOIN',
  'LEFT JOIN',
  'INNER JOIN',
  'SEMI JOIN',
  'ANTI JOIN',
  'ON',
  'USING',
  'WITH',
  'AS',
  'DISTINCT',
  'UNION ALL',
  'EXISTS',
  'IN',
  'BETWEEN',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'QUALIFY',
  'OVER',
  'PARTITION BY',
  'FILTER',
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'COALESCE',
  'ROW_NUMBER',
  'DATE',
  'INTERVAL',
];

/** alias (lower case) → table name, from FROM/JOIN clauses of `sql`. */
export function aliasesIn(sql: string, tables: TableInfo[]): Map<string, string> {
  const names = new Set(tables.map((t) => t.name.toLowerCase()));
  const out = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:from|join)\s+([a-z_]\w*)(?:\s+(?:as\s+)?([a-z_]\w*))?/gi)) {
    const table = m[1].toLowerCase();
    if (!names.has(table)) continue;
    out.set(table, table);
    const alias = m[2]?.toLowerCase();
    if (alias && !NOT_ALIAS.has(alias)) out.set(alias, table);
  }
  return out;
}

let installed = false;

/** Registers the provider once; `tables()` is read at each request, so it follows the engine's schema. */
export function installCompletion(monaco: Monaco, tables: () => TableInfo[]): void {
  if (installed) return;
  installed = true;
  const { CompletionItemKind: Kind } = monaco.languages;
  monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const all = tables();
      const qualifier = /([A-Za-z_]\w*)\.$/.exec(before)?.[1]?.toLowerCase();
      const column = (t: TableInfo, c: TableInfo['columns'][number]) => ({
        label: c.name,
        kind: Kind.Field,
        detail: `${t.name}.${c.name} · ${c.type}`,
        insertText: c.name,
        range,
      });
      if (qualifier) {
        const table = all.find((t) => t.name.toLowerCase() === (aliasesIn(model.getValue(), all).get(qualifier) ?? qualifier));
        if (table) return { suggestions: table.columns.map((c) => column(table, c)) };
      }
      const seen = new Set<string>();
      const columns = all.flatMap((t) => t.columns.map((c) => column(t, c))).filter((s) => !seen.has(s.label) && seen.add(s.label));
      return {
        suggestions: [
          ...all.map((t) => ({
            label: t.name,
            kind: Kind.Struct,
            detail: `table · ${t.rows.toLocaleString('en-US')} rows`,
            insertText: t.name,
            range,
          })),
          ...columns,
          ...KEYWORDS.map((k) => ({ label: k, kind: Kind.Keyword, insertText: k, range })),
        ],
      };
    },
  });
}
