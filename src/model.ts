/** The shapes every stage of the pipeline agrees on. */

export type InputFormat = 'syslog' | 'audit-file' | 'report-csv';

/** Where a record came from: the input's path as given and its 1-based physical line. */
export interface SourceRef {
  file: string;
  line: number;
}

/** The records aamlog keeps; every other AM record is only counted. */
export type EventKind =
  | 'offline-download-failed' // 23017
  | 'offline-download-succeeded' // 23016
  | 'login-failed' // failed AUTHN_LOGIN_EVENT
  | 'lockout' // AUTHN_LOCKOUT_EVENT
  | 'token-expired' // TOKEN_EXPIRED
  | 'offline-policy-change'; // 20051, 20099, 20100

/** Online-authentication problems: the diagnosis keeps only each user's latest few. */
export function isOnlineProblem(kind: EventKind | null): boolean {
  return kind === 'login-failed' || kind === 'lockout' || kind === 'token-expired';
}

/**
 * One AM record as read, before time-zone placement. Every field is trimmed and
 * empty fields are null; `localTime` is AM's own wall-clock time.
 */
export interface AmRecord {
  /** null for AM records that are only counted (logins that succeeded, admin work, ...). */
  kind: EventKind | null;
  localTime: LocalTime;
  serverNode: string | null;
  userId: string | null;
  userDomain: string | null;
  agentName: string | null;
  agentIp: string | null;
  clientIp: string | null;
  tokenSerial: string | null;
  errorMessage: string | null;
  actionKey: string | null;
  actionId: string | null;
  result: string | null;
  reason: string | null;
  /** For admin records (policy changes): the objects acted on, e.g. a policy or domain name. */
  targets: string[];
  source: SourceRef;
}

/** Wall-clock time without a zone, as AM writes it. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** A record placed on the real time line in the AM server's zone. */
export interface AmEvent extends Omit<AmRecord, 'localTime' | 'kind'> {
  kind: EventKind;
  /** ISO 8601 with the AM zone's offset, to the second. */
  time: string;
  epochMs: number;
}

/** Why a line that looked like an AM record could not be read. */
export interface Malformed {
  source: SourceRef;
  reason: string;
}

export type Confidence = 'high' | 'medium' | 'low';

export interface Cause {
  id: CauseId;
  confidence: Confidence;
  summary: string;
  evidence: string[];
  remediation: string[];
  /** `capturedAt` of the snapshot the cause was judged against, or null. */
  snapshot: string | null;
}

export type CauseId =
  | 'agent-invalid-proof'
  | 'user-domain-policy-differs'
  | 'offline-disabled'
  | 'passcode-shorter-than-minimum'
  | 'emergency-code-types-missing'
  | 'policy-changed-recently'
  | 'online-authentication-problem'
  | 'user-agent-domain-conflict'
  | 'agent-side'
  | 'insufficient-data'
  | 'unexplained';

export type Status = 'open' | 'resolved';

export interface ErrorCount {
  message: string;
  count: number;
}

/**
 * The failures of one user from one agent with one token (a fully masked or absent serial
 * groups by user and agent only), as CAUSES.md defines a group.
 */
export interface FailureGroup {
  /** Lower-cased `user\u0000agent\u0000token` key. */
  key: string;
  /** The first spelling seen. */
  userId: string;
  /** The user's security domain as the events recorded it, or null. */
  userDomain: string | null;
  agent: string | null;
  agentIp: string | null;
  /** The serial as logged (possibly masked, e.g. xxxxxxxx2776), or null. */
  token: string | null;
  failures: number;
  firstMs: number;
  lastMs: number;
  firstFailure: string;
  lastFailure: string;
  /** The latest successful download (23016) for this group after its last failure, if any. */
  resolvedAtMs: number | null;
  status: Status;
  /** Error messages by count, most frequent first. */
  errors: ErrorCount[];
}
