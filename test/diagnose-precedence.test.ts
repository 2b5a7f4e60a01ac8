import { describe, expect, it } from 'vitest';
import { RULES } from '../src/diagnose/index.js';
import { causesOf, event, group, policyUpdate, snapshotFixture, summary } from './diagnose-support.js';

const last = '2026-11-26T10:00:00+01:00';

describe('precedence between rules', () => {
  it("runs the rules in CAUSES.md's order", () => {
    expect(RULES.map((rule) => rule.id)).toEqual([
      'agent-invalid-proof',
      'user-domain-policy-differs',
      'offline-disabled',
      'passcode-shorter-than-minimum',
      'emergency-code-types-missing',
      'policy-changed-recently',
      'online-authentication-problem',
      'user-agent-domain-conflict',
      'agent-side',
      'insufficient-data',
    ]);
  });

  it("lists invalid proof first, then the policy's causes; rules 6 to 9 keep silent while the policy is defective", async () => {
    const jdoe = group({ userId: 'jdoe', agent: 'ts-01.corp.example.com', token: '000123456789', last, errors: [['Invalid proof', 4]] });
    const others = ['hbauer', 'tnguyen'].map((userId) => group({ userId, agent: 'ts-01.corp.example.com', last }));
    const causes = causesOf(jdoe, {
      snapshots: await snapshotFixture('pinned.json'),
      events: [policyUpdate('2026-11-26T09:55:00+01:00', 'Legacy Laptops'), event('login-failed', '2026-11-26T09:58:00+01:00', { userId: 'jdoe' })],
      others,
    });
    expect(summary(causes)).toEqual([
      'agent-invalid-proof (high)',
      'user-domain-policy-differs (high)',
      'passcode-shorter-than-minimum (high)',
    ]);
  });

  it('lists every context rule that fires, in order, when the policy is fine', async () => {
    const hbauer = group({ userId: 'hbauer', agent: 'kiosk-01.corp.example.com', token: '000678901234', last });
    const others = ['lmulti', 'tnguyen'].map((userId) => group({ userId, agent: 'kiosk-01.corp.example.com', last }));
    const causes = causesOf(hbauer, {
      snapshots: await snapshotFixture('pinned.json'),
      events: [policyUpdate('2026-11-26T09:55:00+01:00', 'Legacy Laptops'), event('lockout', '2026-11-26T09:58:00+01:00', { userId: 'hbauer' })],
      others,
    });
    expect(summary(causes)).toEqual([
      'policy-changed-recently (medium)',
      'online-authentication-problem (medium)',
      'user-agent-domain-conflict (medium)',
      'agent-side (low)',
    ]);
  });

  it('never leaves a group without a cause', async () => {
    const snapshots = await snapshotFixture('pinned.json');
    for (const userId of ['jdoe', 'hbauer', 'nobody']) {
      expect(causesOf(group({ userId, last }), { snapshots }).length).toBeGreaterThan(0);
      expect(causesOf(group({ userId, last }), { snapshots: [] }).length).toBeGreaterThan(0);
    }
  });
});
