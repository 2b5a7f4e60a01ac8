/**
 * RSA's assignment rules over one snapshot: which snapshot was in force, a user's domain
 * and offline policy, the token a logged serial names, an agent's domain.
 */
import {
  ALWAYS_USE_DEFAULT,
  type LoadedSnapshot,
  type OfflinePolicy,
  type SecurityDomain,
  type Snapshot,
  type SnapshotAgent,
  type SnapshotToken,
  type SnapshotUser,
} from './types.js';

export interface SnapshotInForce {
  loaded: LoadedSnapshot;
  /** The moment precedes every snapshot, so the earliest stands in for the one in force. */
  beforeAll: boolean;
}

/** The snapshot with the latest capturedAt at or before `ms`; else the earliest, flagged. */
export function snapshotAt(snapshots: LoadedSnapshot[], ms: number): SnapshotInForce | null {
  let inForce: LoadedSnapshot | null = null;
  let earliest: LoadedSnapshot | null = null;
  for (const s of snapshots) {
    if (earliest === null || s.capturedAtMs < earliest.capturedAtMs) earliest = s;
    if (s.capturedAtMs <= ms && (inForce === null || s.capturedAtMs > inForce.capturedAtMs)) inForce = s;
  }
  if (inForce) return { loaded: inForce, beforeAll: false };
  return earliest ? { loaded: earliest, beforeAll: true } : null;
}

/** Users by lower-cased ID per snapshot: a deployment's snapshot can list tens of thousands. */
const usersIndex = new WeakMap<Snapshot, Map<string, SnapshotUser>>();

export function findUser(snapshot: Snapshot, userId: string): SnapshotUser | null {
  let index = usersIndex.get(snapshot);
  if (!index) {
    index = new Map(snapshot.users.map((u) => [u.userId.toLowerCase(), u]));
    usersIndex.set(snapshot, index);
  }
  return index.get(userId.toLowerCase()) ?? null;
}

/** Exact name first; AM's records may spell a domain in another case. */
export function findDomain(snapshot: Snapshot, name: string): SecurityDomain | null {
  return (
    snapshot.securityDomains.find((d) => d.name === name) ??
    snapshot.securityDomains.find((d) => d.name.toLowerCase() === name.toLowerCase()) ??
    null
  );
}

export function defaultPolicy(snapshot: Snapshot): OfflinePolicy {
  // Validation guarantees exactly one default.
  return snapshot.offlinePolicies.find((p) => p.default)!;
}

/**
 * A domain's effective offline policy: `ALWAYS_USE_DEFAULT` follows this snapshot's
 * default; a name pins that policy. Never the parent's: RSA has no inheritance.
 */
export function domainPolicy(snapshot: Snapshot, domain: SecurityDomain): OfflinePolicy {
  if (domain.offlinePolicy === ALWAYS_USE_DEFAULT) return defaultPolicy(snapshot);
  // Validation guarantees that a named policy exists.
  return snapshot.offlinePolicies.find((p) => p.name === domain.offlinePolicy)!;
}

/** An agent by its logged name: the whole name, else the host part of either side. */
export function findAgent(snapshot: Snapshot, agentName: string): SnapshotAgent | null {
  const wanted = agentName.toLowerCase();
  const exact = snapshot.agents.find((a) => a.name.toLowerCase() === wanted);
  if (exact) return exact;
  const host = (name: string) => name.toLowerCase().split('.')[0];
  const byHost = snapshot.agents.filter((a) => host(a.name) === host(agentName));
  return byHost.length === 1 ? byHost[0] : null;
}

export type TokenMatch =
  /** The logged serial names this token. */
  | { kind: 'matched'; tokens: [SnapshotToken] }
  /** The serial is absent, fully masked or not the user's: every token of theirs stands in. */
  | { kind: 'ambiguous'; tokens: SnapshotToken[]; why: string }
  /** The snapshot lists no tokens for the user. */
  | { kind: 'unknown'; tokens: []; why: string };

/** Matches a logged serial, possibly masked as `xxxxxxxx2776`, to the user's tokens. */
export function matchToken(user: SnapshotUser | null, serial: string | null, snapshotName: string): TokenMatch {
  if (user === null) return { kind: 'unknown', tokens: [], why: `the user is not in snapshot ${snapshotName}` };
  if (user.tokens.length === 0) {
    return { kind: 'unknown', tokens: [], why: `snapshot ${snapshotName} lists no tokens for ${user.userId}` };
  }
  const visible = serial === null ? '' : serial.replace(/[^0-9]/g, '');
  if (serial === null || visible === '') {
    const why = serial === null ? 'the failures name no token serial' : `the logged serial ${serial} is fully masked`;
    return { kind: 'ambiguous', tokens: user.tokens, why };
  }
  const pattern = new RegExp(`^${[...serial].map((c) => (/\d/.test(c) ? c : '\\d')).join('')}$`);
  const matches = user.tokens.filter((t) => pattern.test(t.serial));
  if (matches.length === 1) return { kind: 'matched', tokens: [matches[0]] };
  const why =
    matches.length === 0
      ? `serial ${serial} is not among ${user.userId}'s tokens in snapshot ${snapshotName}`
      : `masked serial ${serial} fits ${matches.length} of ${user.userId}'s tokens`;
  return { kind: 'ambiguous', tokens: matches.length > 0 ? matches : user.tokens, why };
}
