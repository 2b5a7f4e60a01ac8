/**
 * `--user ID`: one user's whole diagnosis in readable text: every group, every cause with
 * its confidence, evidence and numbered remediation. Every line passes through
 * escapeTerminal, since names and errors come from logs a stranger can influence.
 */
import type { Cause } from '../model.js';
import type { ReportGroup, ReportUser } from '../report.js';
import { escapeTerminal } from './escape-terminal.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderUserDetail(user: ReportUser): string {
  const lines: string[] = [];
  const domain = user.securityDomain === null ? 'security domain not recorded' : `security domain ${user.securityDomain}`;
  lines.push(`User ${user.userId} (${domain}): ${user.status}`);
  lines.push(`  ${plural(user.failures, 'offline download failure')} from ${user.firstFailure} to ${user.lastFailure}`);
  const primary = user.causes[0];
  if (primary) lines.push(`  Likely cause: ${primary.id} (${primary.confidence}): ${primary.summary}`);
  user.groups.forEach((group, index) => {
    lines.push('', ...groupLines(group, index + 1, user.groups.length));
  });
  return `${lines.map(escapeTerminal).join('\n')}\n`;
}

function groupLines(group: ReportGroup, number: number, total: number): string[] {
  const agent = group.agent === null ? 'agent not recorded' : `agent ${group.agent}${group.agentIp ? ` (${group.agentIp})` : ''}`;
  const token = group.token === null ? 'token not recorded' : `token ${group.token}`;
  const lines = [
    `Group ${number} of ${total}: ${agent}, ${token}`,
    `  ${group.status}: ${plural(group.failures, 'failure')} from ${group.firstFailure} to ${group.lastFailure}`,
    `  Errors: ${group.errors.map((e) => `${e.message} (${e.count})`).join('; ')}`,
    `  Causes, most likely first:`,
  ];
  group.causes.forEach((cause, index) => lines.push(...causeLines(cause, index + 1)));
  return lines;
}

function causeLines(cause: Cause, number: number): string[] {
  const judged = cause.snapshot === null ? '' : ` (judged against the snapshot captured ${cause.snapshot})`;
  return [
    `  ${number}. ${cause.id}, confidence ${cause.confidence}${judged}`,
    `     ${cause.summary}`,
    `     Evidence:`,
    ...cause.evidence.map((line) => `       - ${line}`),
    `     Remediation:`,
    ...cause.remediation.map((step, index) => `       ${index + 1}. ${step}`),
  ];
}
