// Formats SQL with sql-formatter's DuckDB dialect: layout only (line breaks, indentation), never the words' case or order.
import { duckdb, formatDialect } from 'sql-formatter';

/** `sql` laid out one clause per line, keywords as the person typed them; throws when the formatter cannot parse it. */
export function formatSql(sql: string): string {
  // keywordCase etc. 'preserve' (the defaults, said here on purpose): formatting must change nothing but whitespace.
  return formatDialect(sql, { dialect: duckdb, tabWidth: 2, keywordCase: 'preserve', identifierCase: 'preserve' });
}
