/**
 * Builds a Cause the same way for every rule: the snapshot it was judged against, the
 * confidence lowered where the data is thin, and the Security Console's wording.
 */
import type { Cause, CauseId, Confidence } from '../model.js';
import type { GroupContext, Judgement } from './context.js';
import { ALWAYS_USE_DEFAULT, type OfflinePolicy } from '../snapshots/types.js';
import { describeToken, fixFor, type Defect } from './defects.js';

export interface Rule {
  id: CauseId;
  /** The cause when the rule fires for the group, else null. */
  judge(ctx: GroupContext): Cause | null;
}

export const POLICY_PATH = 'Authentication > Policies > Offline Authentication Policies > Manage Existing';
export const DOMAIN_PATH = 'Administration > Security Domains > Manage Existing';
export const USER_PATH = 'Identity > Users > Manage Existing';
export const TOKEN_PATH = 'Authentication > SecurID Tokens > Manage Existing';
export const AGENT_PATH = 'Access > Authentication Agents > Manage Existing';

const STEPS: Confidence[] = ['high', 'medium', 'low'];

export function lowered(confidence: Confidence, steps: number): Confidence {
  return STEPS[Math.min(STEPS.indexOf(confidence) + steps, STEPS.length - 1)];
}

export interface CauseParts {
  id: CauseId;
  confidence: Confidence;
  /** The judgement rests on which token the user has: a guessed token lowers confidence. */
  dependsOnToken: boolean;
  summary: string;
  evidence: string[];
  remediation: string[];
}

/** A cause judged against the snapshot in force, with the caveats that lower its confidence. */
export function judgedCause(ctx: GroupContext, parts: CauseParts): Cause {
  const evidence = [...parts.evidence];
  let steps = 0;
  const token = ctx.judgement?.token;
  if (parts.dependsOnToken && token && token.kind !== 'matched') {
    evidence.push(`the token is not known for certain: ${token.why}; ${token.kind === 'unknown' ? 'judged for any token' : `judged for ${token.tokens.map(describeToken).join(', ')}`}`);
    steps++;
  }
  if (ctx.inForce?.beforeAll) {
    evidence.push(
      `the last failure at ${ctx.group.lastFailure} comes before every snapshot; judged against the earliest, captured ${ctx.inForce.loaded.capturedAt}`,
    );
    steps++;
  }
  return {
    id: parts.id,
    confidence: lowered(parts.confidence, steps),
    summary: parts.summary,
    evidence,
    remediation: parts.remediation,
    snapshot: ctx.inForce?.loaded.capturedAt ?? null,
  };
}

/** "Ask jdoe to authenticate online once from ws-042 ..." */
export function reauthenticate(ctx: GroupContext): string {
  const from = ctx.group.agent === null ? 'their computer' : ctx.group.agent;
  return `Ask ${ctx.group.userId} to authenticate online once from ${from} so that offline days download again.`;
}

/** How the user comes to have the policy, for evidence and remediation. */
export function assignment(j: Judgement): string {
  return j.domain.offlinePolicy === ALWAYS_USE_DEFAULT
    ? `the default policy, followed by security domain '${j.domain.name}'`
    : `assigned to security domain '${j.domain.name}'`;
}

/** "the user is in security domain 'Field Sales' (as the failure events record), which ..." */
export function domainEvidence(ctx: GroupContext, j: Judgement): string {
  const from = j.domainFrom === 'events' ? 'as the failure events record' : `as snapshot ${j.label} lists`;
  const uses =
    j.domain.offlinePolicy === ALWAYS_USE_DEFAULT
      ? `which follows the default policy '${j.policy.name}'`
      : `which pins offline policy '${j.policy.name}'`;
  return `${ctx.group.userId} is in security domain '${j.domain.name}' (${from}), ${uses} in snapshot ${j.label}`;
}

/** The remediation step that edits a policy to remove its defects. */
export function editPolicy(policy: OfflinePolicy, assignedTo: string, found: Defect[]): string {
  const fixes = found.map(fixFor).join('; ');
  return `${POLICY_PATH}: edit '${policy.name}' (${assignedTo}): ${fixes}; then save.`;
}

/** "policy 'X' is not defective for software-pinpad token 1: enabled, minimum 8 ..." */
export function notDefectiveEvidence(j: Judgement): string {
  const p = j.policy;
  const tokens = j.token.kind === 'unknown' ? 'the user\'s tokens (not listed)' : j.token.tokens.map(describeToken).join(', ');
  return (
    `policy '${p.name}' in snapshot ${j.label} allows offline data for ${tokens}: offline authentication enabled, ` +
    `minimum online passcode length ${p.minOnlinePasscodeLength}, both emergency code types selected`
  );
}
