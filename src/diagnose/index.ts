/**
 * The diagnosis: every rule of CAUSES.md judged per failure group, at its last failure,
 * in precedence order. The first cause is the primary one; a group never ends without one.
 */
import { isOnlineProblem, type AmEvent, type Cause, type FailureGroup } from '../model.js';
import type { LoadedSnapshot } from '../snapshots/types.js';
import type { ZonePlacer } from '../time.js';
import type { Rule } from './cause.js';
import { groupContext, type SharedFacts } from './context.js';
import { agentInvalidProof } from './rules/agent-invalid-proof.js';
import { agentSide } from './rules/agent-side.js';
import { emergencyCodeTypesMissing } from './rules/emergency-code-types-missing.js';
import { insufficientData } from './rules/insufficient-data.js';
import { offlineDisabled } from './rules/offline-disabled.js';
import { onlineAuthenticationProblem } from './rules/online-authentication-problem.js';
import { passcodeShorterThanMinimum } from './rules/passcode-shorter-than-minimum.js';
import { policyChangedRecently } from './rules/policy-changed-recently.js';
import { unexplained } from './rules/unexplained.js';
import { userAgentDomainConflict } from './rules/user-agent-domain-conflict.js';
import { userDomainPolicyDiffers } from './rules/user-domain-policy-differs.js';
import { compareText } from '../text-order.js';

export interface DiagnosisInput {
  groups: FailureGroup[];
  /** The kept events besides downloads: failed logins, lockouts, expired tokens, policy changes. */
  events: AmEvent[];
  snapshots: LoadedSnapshot[];
  zone: ZonePlacer;
}

/** Rules 1 to 10 in CAUSES.md's order; rule 11 stands in where none fires. */
export const RULES: readonly Rule[] = [
  agentInvalidProof,
  userDomainPolicyDiffers,
  offlineDisabled,
  passcodeShorterThanMinimum,
  emergencyCodeTypesMissing,
  policyChangedRecently,
  onlineAuthenticationProblem,
  userAgentDomainConflict,
  agentSide,
  insufficientData,
];

/** Causes per group, keyed by `FailureGroup.key`. */
export function diagnose(input: DiagnosisInput): Map<string, Cause[]> {
  const shared = sharedFacts(input);
  return new Map(
    input.groups.map((group): [string, Cause[]] => {
      const ctx = groupContext(group, shared);
      const causes = RULES.map((rule) => rule.judge(ctx)).filter((cause): cause is Cause => cause !== null);
      return [group.key, causes.length > 0 ? causes : [unexplained.judge(ctx)!]];
    }),
  );
}

/** A user's causes are those of their group with the latest failure (CAUSES.md, Status). */
export function userCauses(userGroups: FailureGroup[], causes: Map<string, Cause[]>): Cause[] {
  if (userGroups.length === 0) return [];
  const latest = userGroups.reduce((a, b) => (b.lastMs > a.lastMs ? b : a));
  return causes.get(latest.key) ?? [];
}

function sharedFacts(input: DiagnosisInput): SharedFacts {
  const byTime = [...input.events].sort((a, b) => a.epochMs - b.epochMs);
  const onlineProblemsByUser = new Map<string, AmEvent[]>();
  for (const event of byTime) {
    if (!isOnlineProblem(event.kind)) continue;
    if (event.userId === null) continue;
    const user = event.userId.toLowerCase();
    const list = onlineProblemsByUser.get(user);
    if (list) list.push(event);
    else onlineProblemsByUser.set(user, [event]);
  }
  const usersByAgent = new Map<string, Map<string, string>>();
  for (const group of input.groups) {
    if (group.agent === null) continue;
    const agent = group.agent.toLowerCase();
    let users = usersByAgent.get(agent);
    if (!users) usersByAgent.set(agent, (users = new Map()));
    if (!users.has(group.userId.toLowerCase())) users.set(group.userId.toLowerCase(), group.userId);
  }
  return {
    zone: input.zone,
    snapshots: [...input.snapshots].sort((a, b) => a.capturedAtMs - b.capturedAtMs),
    policyChanges: byTime.filter((e) => e.kind === 'offline-policy-change'),
    onlineProblemsByUser,
    usersByAgent: new Map(
      [...usersByAgent].map(([agent, users]) => [agent, [...users.values()].sort(compareText)]),
    ),
  };
}
