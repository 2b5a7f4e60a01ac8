/**
 * Everything the rules read about one failure group, found once: the snapshot in force at
 * its last failure, the user's domain and effective policy, the token, and the events
 * around it. The rules themselves only decide and word.
 */
import type { AmEvent, FailureGroup } from '../model.js';
import {
  defaultPolicy,
  domainPolicy,
  findDomain,
  findUser,
  matchToken,
  snapshotAt,
  type SnapshotInForce,
  type TokenMatch,
} from '../snapshots/effective-policy.js';
import type { LoadedSnapshot, OfflinePolicy, SecurityDomain, Snapshot, SnapshotUser } from '../snapshots/types.js';
import type { ZonePlacer } from '../time.js';
import { defects, type Defect } from './defects.js';

/** The policy side of a group, present when the user's effective policy could be found. */
export interface Judgement {
  snapshot: Snapshot;
  /** The snapshot's name in evidence, e.g. `2026-11-25`. */
  label: string;
  domain: SecurityDomain;
  /** Where the domain came from: the failure events, or the snapshot's `users[]`. */
  domainFrom: 'events' | 'snapshot';
  user: SnapshotUser | null;
  /** The user's effective offline policy, P. */
  policy: OfflinePolicy;
  /** The snapshot's default policy, D. */
  defaultPolicy: OfflinePolicy;
  token: TokenMatch;
  /** P's defects for the token; empty when P is not defective. */
  defects: Defect[];
}

export interface GroupContext {
  group: FailureGroup;
  zone: ZonePlacer;
  /** Every snapshot, oldest first. */
  snapshots: LoadedSnapshot[];
  inForce: SnapshotInForce | null;
  judgement: Judgement | null;
  /** What keeps P from being found, for `insufficient-data`. */
  missing: string[];
  /** Offline-policy change records, oldest first. */
  policyChanges: AmEvent[];
  /** The user's failed logins, lockouts and expired tokens, oldest first. */
  onlineProblems: AmEvent[];
  /** The distinct users (first spelling) with failures from the group's agent. */
  agentUsers: string[];
}

/** A snapshot's name: its capturedAt day in the AM zone, the full time where a day has two. */
export function snapshotLabel(snapshot: LoadedSnapshot, all: LoadedSnapshot[], zone: ZonePlacer): string {
  const day = zone.day(snapshot.capturedAtMs);
  const sameDay = all.filter((s) => zone.day(s.capturedAtMs) === day).length;
  return sameDay > 1 ? zone.iso(snapshot.capturedAtMs) : day;
}

export interface SharedFacts {
  zone: ZonePlacer;
  snapshots: LoadedSnapshot[];
  policyChanges: AmEvent[];
  onlineProblemsByUser: Map<string, AmEvent[]>;
  usersByAgent: Map<string, string[]>;
}

export function groupContext(group: FailureGroup, shared: SharedFacts): GroupContext {
  const inForce = snapshotAt(shared.snapshots, group.lastMs);
  const missing: string[] = [];
  let judgement: Judgement | null = null;
  if (inForce === null) {
    missing.push('no policy snapshot was given; run aamlog snapshot template');
  } else {
    const label = snapshotLabel(inForce.loaded, shared.snapshots, shared.zone);
    judgement = judge(group, inForce.loaded.snapshot, label, missing);
  }
  return {
    group,
    zone: shared.zone,
    snapshots: shared.snapshots,
    inForce,
    judgement,
    missing,
    policyChanges: shared.policyChanges,
    onlineProblems: shared.onlineProblemsByUser.get(group.userId.toLowerCase()) ?? [],
    agentUsers: group.agent === null ? [] : (shared.usersByAgent.get(group.agent.toLowerCase()) ?? []),
  };
}

function judge(group: FailureGroup, snapshot: Snapshot, label: string, missing: string[]): Judgement | null {
  const user = findUser(snapshot, group.userId);
  const domainName = group.userDomain ?? user?.securityDomain ?? null;
  if (domainName === null) {
    missing.push(
      `user ${group.userId} is not in snapshot ${label}'s users, and the failure records name no security domain`,
    );
    return null;
  }
  const domain = findDomain(snapshot, domainName);
  if (domain === null) {
    const from = group.userDomain !== null ? 'recorded by the failure events' : `given for ${group.userId} in users`;
    missing.push(`security domain '${domainName}' (${from}) is not in snapshot ${label}'s securityDomains`);
    return null;
  }
  const policy = domainPolicy(snapshot, domain);
  const token = matchToken(user, group.token, label);
  return {
    snapshot,
    label,
    domain,
    domainFrom: group.userDomain !== null ? 'events' : 'snapshot',
    user,
    policy,
    defaultPolicy: defaultPolicy(snapshot),
    token,
    defects: defects(policy, token),
  };
}
