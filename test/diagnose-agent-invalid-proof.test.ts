import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

describe('rule 1: agent-invalid-proof', () => {
  const loop = group({
    userId: 'tnguyen',
    agent: 'ws-117.corp.example.com',
    token: '000789012345',
    first: '2026-11-26T10:14:03+01:00',
    last: '2026-11-26T10:15:11+01:00',
    errors: [['Invalid proof', 45]],
  });

  it('fires alone when the policy is fine, naming the agent, the count and the retry loop', async () => {
    const causes = causesOf(loop, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)).toEqual(['agent-invalid-proof (high)']);
    const [cause] = causes;
    expect(cause.snapshot).toBeNull();
    expect(cause.evidence).toEqual([
      "45 of 45 failures from agent ws-117.corp.example.com carry the error 'Invalid proof', between 2026-11-26T10:14:03+01:00 and 2026-11-26T10:15:11+01:00",
      'one failure every 1.5 s on average: the agent retries in a loop, the pattern of AAWIN-2421 (Authentication Agent for Windows 7.3.3 [103])',
    ]);
    expect(cause.remediation[0]).toBe(
      'On ws-117.corp.example.com: update the RSA Authentication Agent to the latest release (for Windows at least 7.3.3 [114], which fixes AAWIN-2421), and check that its server certificate (server.cer) is current.',
    );
    expect(cause.remediation[2]).toBe('Ask tnguyen to authenticate online once from ws-117.corp.example.com so that offline days download again.');
  });

  it('still fires without any snapshot, followed by insufficient-data', () => {
    const causes = causesOf(loop, { snapshots: [] });
    expect(summary(causes)).toEqual(['agent-invalid-proof (high)', 'insufficient-data (low)']);
    expect(causes[1].evidence).toEqual(['no policy snapshot was given; run aamlog snapshot template']);
  });

  it("counts only the 'Invalid proof' errors among mixed ones, and names no loop for slow failures", async () => {
    const mixed = group({
      userId: 'tnguyen',
      token: '000789012345',
      first: '2026-11-25T08:00:00+01:00',
      last: '2026-11-26T10:00:00+01:00',
      errors: [['Failed to send day data.', 3], ['Invalid proof of authentication data provided by the agent', 2]],
    });
    const causes = causesOf(mixed, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)).toEqual(['agent-invalid-proof (high)']);
    expect(causes[0].evidence).toEqual([
      "2 of 5 failures from agent ws-042.corp.example.com carry the error 'Invalid proof of authentication data provided by the agent', between 2026-11-25T08:00:00+01:00 and 2026-11-26T10:00:00+01:00",
    ]);
  });

  it("does not fire for 'Failed to send day data.' alone", async () => {
    const plain = group({ userId: 'tnguyen', token: '000789012345', last: '2026-11-26T10:00:00+01:00' });
    expect(summary(causesOf(plain, { snapshots: await snapshotFixture('pinned.json') }))).toEqual(['unexplained (low)']);
  });
});
