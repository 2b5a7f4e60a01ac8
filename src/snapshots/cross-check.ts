/**
 * The rules that relate one part of a snapshot to another. They read the raw value, not
 * the schema's output, so a file with a wrong type somewhere still gets these problems
 * reported in the same run: the user fixes everything at once.
 */
import { ALWAYS_USE_DEFAULT } from './types.js';

export type PathPart = string | number;

export interface SnapshotProblem {
  path: PathPart[];
  message: string;
}

type Item = Record<string, unknown>;

function items(root: Item, key: string): [Item, number][] {
  const list = root[key];
  if (!Array.isArray(list)) return [];
  return list
    .map((item, index): [unknown, number] => [item, index])
    .filter((pair): pair is [Item, number] => typeof pair[0] === 'object' && pair[0] !== null && !Array.isArray(pair[0]));
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Reports every second use of a name; `fold` makes the comparison case-insensitive. */
function duplicates(root: Item, list: string, field: string, what: string, fold: boolean): SnapshotProblem[] {
  const first = new Map<string, number>();
  const problems: SnapshotProblem[] = [];
  for (const [item, index] of items(root, list)) {
    const value = text(item[field]);
    if (value === null) continue;
    const key = fold ? value.toLowerCase() : value;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else problems.push({ path: [list, index, field], message: `duplicate ${what} '${value}' (also ${list}[${earlier}])` });
  }
  return problems;
}

export function crossCheck(root: unknown): SnapshotProblem[] {
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return [];
  const snapshot = root as Item;
  const problems: SnapshotProblem[] = [
    ...duplicates(snapshot, 'offlinePolicies', 'name', 'policy name', false),
    ...duplicates(snapshot, 'securityDomains', 'name', 'security domain name', false),
    ...duplicates(snapshot, 'users', 'userId', 'user ID (compared case-insensitively)', true),
    ...duplicates(snapshot, 'agents', 'name', 'agent name (compared case-insensitively)', true),
  ];

  const policies = items(snapshot, 'offlinePolicies');
  const defaults = policies.filter(([policy]) => policy.default === true).map(([policy]) => `'${String(policy.name)}'`);
  if (Array.isArray(snapshot.offlinePolicies) && policies.length > 0 && defaults.length !== 1) {
    problems.push({
      path: ['offlinePolicies'],
      message:
        defaults.length === 0
          ? 'expected exactly one policy with "default": true, found none'
          : `expected exactly one policy with "default": true, found ${defaults.length}: ${defaults.join(', ')}`,
    });
  }

  const policyNames = new Set(policies.map(([policy]) => text(policy.name)));
  const domains = items(snapshot, 'securityDomains');
  const domainNames = new Set(domains.map(([domain]) => text(domain.name)));
  const mustNameDomain = (value: unknown, path: PathPart[]) => {
    const domain = text(value);
    if (domain !== null && !domainNames.has(domain)) {
      problems.push({ path, message: `expected the name of a security domain in this snapshot, got '${domain}'` });
    }
  };

  for (const [domain, index] of domains) {
    const policy = text(domain.offlinePolicy);
    if (policy !== null && policy !== ALWAYS_USE_DEFAULT && !policyNames.has(policy)) {
      problems.push({
        path: ['securityDomains', index, 'offlinePolicy'],
        message: `expected '${ALWAYS_USE_DEFAULT}' or the name of a policy in this snapshot, got '${policy}'`,
      });
    }
    if (text(domain.parent) !== null && domain.parent === domain.name) {
      problems.push({ path: ['securityDomains', index, 'parent'], message: `a security domain cannot be its own parent` });
    } else {
      mustNameDomain(domain.parent, ['securityDomains', index, 'parent']);
    }
  }

  for (const [user, index] of items(snapshot, 'users')) {
    mustNameDomain(user.securityDomain, ['users', index, 'securityDomain']);
    for (const [token, tokenIndex] of items(user, 'tokens')) {
      if (token.type === 'fixed-passcode' && token.passcodeLength === undefined) {
        problems.push({
          path: ['users', index, 'tokens', tokenIndex, 'passcodeLength'],
          message: 'expected the length of the fixed passcode (required for type fixed-passcode), got nothing',
        });
      }
    }
  }
  for (const [agent, index] of items(snapshot, 'agents')) {
    mustNameDomain(agent.securityDomain, ['agents', index, 'securityDomain']);
  }
  return problems;
}
