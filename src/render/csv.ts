/**
 * failures.csv: one row per failure group with its primary cause, for spreadsheets. Log
 * fields can hold formulas (`=HYPERLINK(...)`): a cell that a spreadsheet would evaluate
 * gets a leading `'`, as OWASP's CSV-injection advice says.
 */
import { stringify } from 'csv-stringify/sync';
import type { Report } from '../report.js';

export const FAILURES_CSV_COLUMNS = [
  'User ID',
  'Security Domain',
  'User Status',
  'Agent',
  'Agent IP',
  'Token',
  'Status',
  'Failures',
  'First Failure',
  'Last Failure',
  'Errors',
  'Primary Cause',
  'Confidence',
  'Summary',
] as const;

/** `=`, `+`, `-`, `@`, tab, CR, LF and the full-width ＝ ＋ － ＠ start a formula somewhere. */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function renderFailuresCsv(report: Report): string {
  const rows: (string | number)[][] = [];
  for (const user of report.users) {
    for (const group of user.groups) {
      const cause = group.causes[0] ?? user.causes[0] ?? null;
      rows.push([
        user.userId,
        user.securityDomain ?? '',
        user.status,
        group.agent ?? '',
        group.agentIp ?? '',
        group.token ?? '',
        group.status,
        group.failures,
        group.firstFailure,
        group.lastFailure,
        group.errors.map((e) => `${e.message} (${e.count})`).join('; '),
        cause?.id ?? '',
        cause?.confidence ?? '',
        cause?.summary ?? '',
      ]);
    }
  }
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutraliseCell(cell) : cell)));
  return stringify([[...FAILURES_CSV_COLUMNS], ...cells], { record_delimiter: '\r\n' });
}
