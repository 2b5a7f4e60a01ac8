/**
 * The report as REPORT-JSON.md defines it. Every renderer (table, JSON, CSV, Markdown,
 * HTML) reads this one structure, so they cannot disagree.
 */
import type { Cause, CauseId, InputFormat, Status } from './model.js';

export interface ReportInput {
  path: string;
  format: InputFormat | null;
  lines: number;
  records: number;
  otherLines: number;
  malformed: number;
  offlineFailures: number;
  /** Damage that stopped reading early; empty when the input was read whole. */
  errors: string[];
  notes: string[];
}

export interface ReportErrorCount {
  message: string;
  count: number;
}

export interface ReportGroup {
  agent: string | null;
  token: string | null;
  failures: number;
  firstFailure: string;
  lastFailure: string;
  status: Status;
  errors: ReportErrorCount[];
  causes: Cause[];
  /** Extra fields (allowed by the contract): the agent's IP and the domain the events recorded. */
  agentIp: string | null;
}

export interface ReportUser {
  userId: string;
  securityDomain: string | null;
  status: Status;
  failures: number;
  firstFailure: string;
  lastFailure: string;
  causes: Cause[];
  groups: ReportGroup[];
  /** Failures first seen in this run (nightly job only). */
  newFailures?: number;
}

/** The failures of one hour of the AM zone whose groups share a primary cause. */
export interface ReportTimelinePoint {
  /** Start of the hour in the AM zone, with its offset, e.g. `2026-11-27T08:00:00+01:00`. */
  hour: string;
  /** The primary cause (`causes[0].id`) of the failures' groups. */
  cause: CauseId;
  failures: number;
}

export interface Report {
  tool: { name: string; version: string };
  generatedAt: string;
  timezone: string;
  window: { from: string | null; to: string | null };
  inputs: ReportInput[];
  snapshots: { path: string; capturedAt: string }[];
  totals: { offlineFailures: number; users: number; openUsers: number; malformed: number };
  users: ReportUser[];
  /**
   * Extra field (the contract allows added fields) for the chart of failures over time:
   * failures per hour and primary cause, in order of hour, then cause; hours without failures
   * are left out. Reports of earlier versions lack it, and it lacks the failures a nightly
   * state saved by an earlier version held.
   */
  timeline?: ReportTimelinePoint[];
}
