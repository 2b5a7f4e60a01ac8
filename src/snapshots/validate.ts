/** Turns one parsed snapshot file into a Snapshot, or into every problem it has. */
import { crossCheck, type PathPart, type SnapshotProblem } from './cross-check.js';
import { MAX_DEPTH } from './json-check.js';
import { snapshotSchema, type ParsedSnapshot } from './schema.js';
import type { Snapshot, SnapshotToken } from './types.js';

/** Keys that reach an object's prototype when assigned: never data in a snapshot. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const TOO_DEEP = `nested more than ${MAX_DEPTH} levels deep`;

export type Validation = { snapshot: Snapshot } | { problems: SnapshotProblem[] };

export function validateSnapshot(raw: unknown): Validation {
  const problems: SnapshotProblem[] = [];
  const clean = withoutForbiddenKeys(raw, [], problems);
  if (problems.some((p) => p.message === TOO_DEEP)) return { problems };
  const parsed = snapshotSchema.safeParse(clean);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => ({ path: issue.path as PathPart[], message: issue.message })));
  }
  problems.push(...crossCheck(clean));
  if (problems.length > 0 || !parsed.success) return { problems: withoutRepeats(problems) };
  return { snapshot: normalise(parsed.data) };
}

/**
 * A deep copy without `__proto__`, `constructor` or `prototype` keys (each reported), so
 * nothing downstream, the schema library included, ever assigns one. Depth is bounded
 * here too: YAML has no depth limit of its own.
 */
function withoutForbiddenKeys(value: unknown, path: PathPart[], problems: SnapshotProblem[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (path.length >= MAX_DEPTH) {
    problems.push({ path, message: TOO_DEEP });
    return null;
  }
  if (Array.isArray(value)) return value.map((item, index) => withoutForbiddenKeys(item, [...path, index], problems));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      problems.push({ path: [...path, key], message: `the key '${key}' is not allowed in a snapshot` });
      continue;
    }
    copy[key] = withoutForbiddenKeys((value as Record<string, unknown>)[key], [...path, key], problems);
  }
  return copy;
}

/** Zod and the cross-checks can both see one fault (a missing name, say). */
function withoutRepeats(problems: SnapshotProblem[]): SnapshotProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${formatPath(p.path)}\u0000${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** `offlinePolicies[2].minOnlinePasscodeLength`, as a user finds it in the file. */
export function formatPath(path: PathPart[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      if (!/^[A-Za-z_$][\w$]*$/.test(part)) return `[${JSON.stringify(part)}]`;
      return index === 0 ? part : `.${part}`;
    })
    .join('');
}

function normalise(parsed: ParsedSnapshot): Snapshot {
  return {
    capturedAt: parsed.capturedAt,
    offlinePolicies: parsed.offlinePolicies.map((p) => ({
      name: p.name,
      default: p.default,
      enabled: p.enabled,
      minOnlinePasscodeLength: p.minOnlinePasscodeLength,
      allow: {
        pinpadOrSoftwareTokens: p.allow.pinpadOrSoftwareTokens,
        pinlessTokens: p.allow.pinlessTokens,
        fixedPasscodes: p.allow.fixedPasscodes,
      },
      emergencyCodes: { tokencodes: p.emergencyCodes.tokencodes, passcodes: p.emergencyCodes.passcodes },
    })),
    securityDomains: parsed.securityDomains.map((d) => ({ name: d.name, parent: d.parent, offlinePolicy: d.offlinePolicy })),
    users: parsed.users.map((u) => ({
      userId: u.userId,
      securityDomain: u.securityDomain,
      tokens: u.tokens.map(
        (t): SnapshotToken => ({
          serial: t.serial,
          type: t.type,
          tokencodeLength: t.tokencodeLength ?? (t.type.startsWith('hardware-') ? 6 : 8),
          pinRequired: t.pinRequired,
          pinLength: t.pinLength,
          passcodeLength: t.passcodeLength ?? null,
        }),
      ),
    })),
    agents: parsed.agents.map((a) => ({ name: a.name, securityDomain: a.securityDomain })),
  };
}
