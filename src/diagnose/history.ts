/**
 * What changed in the user's effective offline policy from one snapshot to the next, up
 * to the one in force: the change that broke it is often the answer an administrator is
 * looking for. Also the log's own change records that name the policy or the domain.
 */
import type { AmEvent } from '../model.js';
import { domainPolicy, findDomain, findUser } from '../snapshots/effective-policy.js';
import { ALWAYS_USE_DEFAULT, type OfflinePolicy, type Snapshot } from '../snapshots/types.js';
import { snapshotLabel, type GroupContext } from './context.js';

const POLICY_FIELDS: [string, (p: OfflinePolicy) => boolean | number][] = [
  ['enabled', (p) => p.enabled],
  ['minOnlinePasscodeLength', (p) => p.minOnlinePasscodeLength],
  ['allow.pinpadOrSoftwareTokens', (p) => p.allow.pinpadOrSoftwareTokens],
  ['allow.pinlessTokens', (p) => p.allow.pinlessTokens],
  ['allow.fixedPasscodes', (p) => p.allow.fixedPasscodes],
  ['emergencyCodes.tokencodes', (p) => p.emergencyCodes.tokencodes],
  ['emergencyCodes.passcodes', (p) => p.emergencyCodes.passcodes],
];

interface Placement {
  domainName: string;
  assignment: string;
  policy: OfflinePolicy;
}

function placement(ctx: GroupContext, snapshot: Snapshot): Placement | null {
  const domainName = ctx.group.userDomain ?? findUser(snapshot, ctx.group.userId)?.securityDomain ?? null;
  const domain = domainName === null ? null : findDomain(snapshot, domainName);
  if (domain === null) return null;
  return { domainName: domain.name, assignment: domain.offlinePolicy, policy: domainPolicy(snapshot, domain) };
}

/** One line per change, e.g. `'Legacy Laptops': minOnlinePasscodeLength 8 -> 10 between 2026-11-20 and 2026-11-25`. */
export function policyHistory(ctx: GroupContext): string[] {
  if (ctx.inForce === null) return [];
  const upTo = ctx.snapshots.indexOf(ctx.inForce.loaded);
  const lines: string[] = [];
  for (let i = 1; i <= upTo; i++) {
    const [before, after] = [ctx.snapshots[i - 1], ctx.snapshots[i]];
    const was = placement(ctx, before.snapshot);
    const is = placement(ctx, after.snapshot);
    if (was === null || is === null) continue;
    const between = `between ${snapshotLabel(before, ctx.snapshots, ctx.zone)} and ${snapshotLabel(after, ctx.snapshots, ctx.zone)}`;
    const user = ctx.group.userId;
    if (was.domainName !== is.domainName) {
      lines.push(`${user}'s security domain '${was.domainName}' -> '${is.domainName}' ${between}`);
    } else if (was.assignment !== is.assignment) {
      lines.push(`security domain '${is.domainName}': offlinePolicy ${was.assignment} -> ${is.assignment} ${between}`);
    }
    if (was.policy.name !== is.policy.name) {
      if (was.assignment === ALWAYS_USE_DEFAULT && is.assignment === ALWAYS_USE_DEFAULT) {
        lines.push(`default policy '${was.policy.name}' -> '${is.policy.name}' ${between}`);
      }
      continue;
    }
    for (const [field, read] of POLICY_FIELDS) {
      if (read(was.policy) !== read(is.policy)) {
        lines.push(`'${is.policy.name}': ${field} ${read(was.policy)} -> ${read(is.policy)} ${between}`);
      }
    }
  }
  return lines;
}

/** Change records in the log that name the policy or the domain, up to the last failure (latest 3). */
export function matchingChangeRecords(ctx: GroupContext, names: string[]): string[] {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return ctx.policyChanges
    .filter((e) => e.epochMs <= ctx.group.lastMs && e.targets.some((t) => wanted.has(t.toLowerCase())))
    .slice(-3)
    .map((e) => `change record ${describeChange(e)} at ${ctx.zone.iso(e.epochMs)}`);
}

/** `AUTHMGR_OFFLINE_AUTHN_POLICY_UPDATE (20051) on 'Legacy Laptops' by amadmin`. */
export function describeChange(event: AmEvent): string {
  const action = [event.actionKey, event.actionId ? `(${event.actionId})` : null].filter(Boolean).join(' ') || 'offline-policy change';
  const on = event.targets.length > 0 ? ` on ${event.targets.map((t) => `'${t}'`).join(', ')}` : '';
  const by = event.userId ? ` by ${event.userId}` : '';
  return `${action}${on}${by}`;
}
