/** The terminal table: one row per failing user. */
import Table from 'cli-table3';
import type { Report, ReportUser } from '../report.js';
import { escapeTerminal } from './escape-terminal.js';

const CAUSE_WIDTH = 34;

/** `2026-11-27T08:00:01+01:00` -> `2026-11-27 08:00` (the zone is named under the table). */
function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function listNames(names: (string | null)[]): string {
  const distinct = [...new Set(names.map((n) => n ?? '(none)'))];
  const shown = distinct.slice(0, 2).map(escapeTerminal).join(', ');
  return distinct.length > 2 ? `${shown} +${distinct.length - 2}` : shown;
}

function causeCell(user: ReportUser): string {
  const cause = user.causes[0];
  if (!cause) return '';
  const more = user.causes.length > 1 ? ` (+${user.causes.length - 1})` : '';
  return `${cause.id} (${cause.confidence})${more}`;
}

export function renderTable(report: Report): string {
  if (report.users.length === 0) {
    return `No offline authentication data download failures found in ${report.inputs.length} input(s).\n`;
  }
  const table = new Table({
    head: ['User', 'Domain', 'Failures', 'Agents', 'Tokens', 'First failure', 'Last failure', 'Status', 'Likely cause'],
    style: { head: [], border: [] },
    colWidths: [null, null, null, null, null, null, null, null, CAUSE_WIDTH],
    wordWrap: true,
  });
  for (const user of report.users) {
    table.push([
      escapeTerminal(user.userId),
      escapeTerminal(user.securityDomain ?? ''),
      String(user.failures),
      listNames(user.groups.map((g) => g.agent)),
      listNames(user.groups.map((g) => g.token)),
      shortTime(user.firstFailure),
      shortTime(user.lastFailure),
      user.status,
      causeCell(user),
    ]);
  }
  const { totals } = report;
  const summary =
    `${totals.users} user(s) with failures, ${totals.openUsers} open; ${totals.offlineFailures} failure(s)` +
    `; times in ${report.timezone}` +
    (totals.malformed > 0 ? `; ${totals.malformed} malformed record(s) skipped` : '');
  return `${table.toString()}\n${summary}\n`;
}
