/**
 * The snapshot format of POLICY-SNAPSHOTS.md as a zod schema: the single source of the
 * shipped JSON Schema and of validation. Rules that relate one part of a snapshot to
 * another (unique names, one default, names that must exist) are in cross-check.ts.
 * Objects are loose: unknown fields are kept and ignored, so newer snapshots still load.
 */
import { z } from 'zod';
import { TOKEN_TYPES } from './types.js';

/** How a value from a snapshot file reads in a message. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'a number too large to represent';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

const expected = (what: string) => ({
  error: (issue: { input?: unknown }) => `expected ${what}, got ${showValue(issue.input)}`,
});

const flag = () => z.boolean(expected('true or false'));

function integer(min: number, max: number) {
  const says = expected(`an integer from ${min} to ${max}`);
  return z.int(says).min(min, says).max(max, says);
}

function name(what: string, max = 128) {
  const says = expected(`${what} of 1 to ${max} characters`);
  return z.string(says).min(1, says).max(max, says);
}

const policySchema = z
  .looseObject({
    name: name('a policy name').describe('Offline Authentication Policy Name'),
    default: flag().default(false).describe('Set as default offline authentication policy'),
    enabled: flag().describe('Enable Offline Authentication'),
    minOnlinePasscodeLength: integer(1, 32).describe('Minimum Online Passcode Length'),
    allow: z
      .looseObject({
        pinpadOrSoftwareTokens: flag().default(false).describe('PINPad or Software Token'),
        pinlessTokens: flag().default(false).describe("PIN-less Token (doesn't require SecurID PIN)"),
        fixedPasscodes: flag().default(false).describe('fixed passcodes'),
      }, expected('an object'))
      .prefault({})
      .describe('Allow Offline Authentication Using'),
    emergencyCodes: z
      .looseObject({
        tokencodes: flag().default(false).describe('Offline Emergency Tokencodes'),
        passcodes: flag().default(false).describe('Offline Emergency Passcodes'),
      }, expected('an object'))
      .prefault({})
      .describe('Offline Emergency Codes, code types'),
  }, expected('an object describing an offline policy'))
  .describe('Authentication > Policies > Offline Authentication Policies');

const domainSchema = z
  .looseObject({
    name: name('a security domain name'),
    parent: name('a security domain name').nullable().default(null).describe('The parent domain, or null at the top'),
    offlinePolicy: name("'ALWAYS_USE_DEFAULT' or a policy name").describe(
      "'ALWAYS_USE_DEFAULT' (follow the default policy) or the name of a policy in this snapshot",
    ),
  }, expected('an object describing a security domain'))
  .describe('Administration > Security Domains');

const tokenSchema = z.looseObject({
  serial: z
    .string(expected('a string of digits (quote it in YAML so leading zeros stay)'))
    .regex(/^\d{1,32}$/, expected('a string of 1 to 32 digits'))
    .describe('Token serial number'),
  type: z.enum(TOKEN_TYPES, expected(`one of ${TOKEN_TYPES.join(', ')}`)).describe('How the user produces a passcode'),
  tokencodeLength: z
    .literal([6, 8], expected('6 or 8'))
    .optional()
    .describe('Digits the token shows; default 6 for hardware-*, 8 for software-*'),
  pinRequired: flag().default(true).describe('false for a PIN-less token'),
  pinLength: integer(4, 8).default(4).describe("The user's PIN length where known"),
  passcodeLength: integer(1, 32).optional().describe('Length of a fixed passcode; required for fixed-passcode'),
}, expected('an object describing a token'));

const userSchema = z.looseObject({
  userId: name('a user ID', 256),
  securityDomain: name('a security domain name').describe("The user's security domain"),
  tokens: z.array(tokenSchema, expected('a list of tokens')).default([]),
}, expected('an object describing a user'));

const agentSchema = z.looseObject({
  name: name('an agent name', 256),
  securityDomain: name('a security domain name').describe("The agent's security domain"),
}, expected('an object describing an agent'));

export const snapshotSchema = z
  .looseObject({
    capturedAt: z.iso
      .datetime({ offset: true, ...expected('an ISO 8601 date-time with an offset or Z, e.g. 2026-11-20T08:00:00+01:00') })
      .describe('When the snapshot was taken'),
    offlinePolicies: z
      .array(policySchema, expected('a list of offline policies'))
      .min(1, expected('at least one offline policy')),
    securityDomains: z.array(domainSchema, expected('a list of security domains')),
    users: z.array(userSchema, expected('a list of users')).default([]),
    agents: z.array(agentSchema, expected('a list of agents')).default([]),
  }, expected('an object with capturedAt, offlinePolicies and securityDomains'))
  .meta({
    title: 'aamlog policy snapshot',
    description:
      "RSA Authentication Manager's offline authentication policies, security domains, users and agents as recorded from the Security Console at one moment.",
  });

export type ParsedSnapshot = z.output<typeof snapshotSchema>;
