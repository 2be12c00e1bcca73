// Formatting of the row diff's cells (shown beside the previews, so one value must read the same in both) and of issue types.
import { expect, test } from 'vitest';
import { cellShapes, fmtDiffCell, fmtIssueType } from './format.ts';

test('a column shape comes from the preview: fixed decimals, dates, or neither', () => {
  const preview = {
    rows: [
      ['1', '88.50', '2024-01-01', '88.53', 'a'],
      ['2', '12.00', '2024-02-03', '1.5', null],
    ],
  };
  expect(cellShapes(preview, 5)).toEqual([
    { scale: null, dateOnly: false },
    { scale: 2, dateOnly: false },
    { scale: null, dateOnly: true },
    { scale: null, dateOnly: false },
    { scale: null, dateOnly: false },
  ]);
  expect(cellShapes(null, 2)).toEqual([
    { scale: null, dateOnly: false },
    { scale: null, dateOnly: false },
  ]);
});

test("diff cells read as the preview's: normalised decimals, grid doubles and midnight timestamps", () => {
  const [int, decimal, date, double] = cellShapes({ rows: [['1', '88.50', '2024-01-01', '88.53']] }, 4);
  expect(fmtDiffCell('88.5300000000', double)).toBe('88.53');
  expect(fmtDiffCell('88.5000000000', decimal)).toBe('88.50');
  expect(fmtDiffCell('-3.0000000000', int)).toBe('-3');
  expect(fmtDiffCell('17025.150000000001', double)).toBe('17025.15');
  expect(fmtDiffCell('0.000123456789012345', double)).toBe('0.000123456789');
  expect(fmtDiffCell('2024-01-01 00:00:00', date)).toBe('2024-01-01');
  expect(fmtDiffCell('2024-01-01 10:00:00', date)).toBe('2024-01-01 10:00:00');
  expect(fmtDiffCell('NULL', undefined)).toBe('NULL');
  expect(fmtDiffCell('123456789012345678', int)).toBe('123456789012345678');
});

test('issue types read as words, aliases too', () => {
  expect(fmtIssueType('correlated_subquery')).toBe('Correlated subquery evaluated per outer row');
  expect(fmtIssueType('n_plus_one')).toBe('Correlated subquery evaluated per outer row');
  expect(fmtIssueType('made_up_type')).toBe('made up type');
});
