/** Assembles the report of REPORT-JSON.md from the groups and their causes. */
import type { Cause, FailureGroup } from './model.js';
import type { Report, ReportGroup, ReportInput, ReportUser } from './report.js';
import type { ZonePlacer } from './time.js';
import { compareText } from './text-order.js';

export interface ReportParts {
  version: string;
  generatedAtMs: number;
  placer: ZonePlacer;
  window: { fromMs: number; toMs: number } | null;
  inputs: ReportInput[];
  snapshots: { path: string; capturedAt: string }[];
  groups: FailureGroup[];
  causes: Map<string, Cause[]>;
}

export function buildReport(parts: ReportParts): Report {
  const byUser = new Map<string, FailureGroup[]>();
  for (const group of parts.groups) {
    const user = group.userId.toLowerCase();
    const list = byUser.get(user);
    if (list) list.push(group);
    else byUser.set(user, [group]);
  }
  const users = [...byUser.values()].map((groups) => userFindings(groups, parts.causes));
  users.sort(
    (a, b) =>
      Number(a.status === 'resolved') - Number(b.status === 'resolved') ||
      b.failures - a.failures ||
      compareText(a.userId, b.userId),
  );
  const { placer } = parts;
  return {
    tool: { name: 'aamlog', version: parts.version },
    generatedAt: placer.iso(parts.generatedAtMs),
    timezone: placer.zone,
    window: {
      from: parts.window ? placer.iso(parts.window.fromMs) : null,
      to: parts.window ? placer.iso(parts.window.toMs) : null,
    },
    inputs: parts.inputs,
    snapshots: parts.snapshots,
    totals: {
      offlineFailures: users.reduce((sum, user) => sum + user.failures, 0),
      users: users.length,
      openUsers: users.filter((user) => user.status === 'open').length,
      malformed: parts.inputs.reduce((sum, input) => sum + input.malformed, 0),
    },
    users,
  };
}

function userFindings(groups: FailureGroup[], causes: Map<string, Cause[]>): ReportUser {
  // Open groups first, then the latest failure first; the user's causes are those of
  // the group with the latest failure (CAUSES.md, Status).
  const ordered = [...groups].sort(
    (a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || b.lastMs - a.lastMs,
  );
  const latest = groups.reduce((a, b) => (b.lastMs > a.lastMs ? b : a));
  const first = groups.reduce((a, b) => (b.firstMs < a.firstMs ? b : a));
  const earliestSeen = groups[0];
  return {
    userId: earliestSeen.userId,
    securityDomain: groups.find((g) => g.userDomain !== null)?.userDomain ?? null,
    status: groups.every((g) => g.status === 'resolved') ? 'resolved' : 'open',
    failures: groups.reduce((sum, g) => sum + g.failures, 0),
    firstFailure: first.firstFailure,
    lastFailure: latest.lastFailure,
    causes: causes.get(latest.key) ?? [],
    groups: ordered.map((g): ReportGroup => ({
      agent: g.agent,
      token: g.token,
      failures: g.failures,
      firstFailure: g.firstFailure,
      lastFailure: g.lastFailure,
      status: g.status,
      errors: g.errors,
      causes: causes.get(g.key) ?? [],
      agentIp: g.agentIp,
    })),
  };
}
