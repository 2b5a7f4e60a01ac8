/**
 * The report as REPORT-JSON.md defines it. Every renderer (table, JSON, CSV, Markdown,
 * HTML) reads this one structure, so they cannot disagree.
 */
import type { Cause, InputFormat, Status } from './model.js';

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

export interface Report {
  tool: { name: string; version: string };
  generatedAt: string;
  timezone: string;
  window: { from: string | null; to: string | null };
  inputs: ReportInput[];
  snapshots: { path: string; capturedAt: string }[];
  totals: { offlineFailures: number; users: number; openUsers: number; malformed: number };
  users: ReportUser[];
}
