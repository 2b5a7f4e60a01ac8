import { describe, expect, it } from 'vitest';
import { causesOf, event, group, snapshotFixture, summary } from './diagnose-support.js';

const last = '2026-11-26T08:13:05+01:00';
const hbauer = group({ userId: 'hbauer', agent: 'ws-093.corp.example.com', token: '000678901234', last });

describe('rule 7: online-authentication-problem', () => {
  it('fires for failed logins and a lockout of the same user (any case) in the 5 minutes before', async () => {
    const causes = causesOf(hbauer, {
      snapshots: await snapshotFixture('pinned.json'),
      events: [
        event('login-failed', '2026-11-26T08:10:05+01:00', { userId: 'HBauer', agentName: 'ws-093.corp.example.com', reason: 'BAD_PASSCODE' }),
        event('login-failed', '2026-11-26T08:10:40+01:00', { userId: 'hbauer' }),
        event('lockout', '2026-11-26T08:11:02+01:00', { userId: 'hbauer' }),
      ],
    });
    expect(summary(causes)).toEqual(['online-authentication-problem (medium)']);
    const [cause] = causes;
    expect(cause.summary).toBe(
      'hbauer failed online authentication (2 failed logins, 1 lockout) in the 5 minutes before the download failed; offline days download only after a successful online authentication.',
    );
    expect(cause.evidence.slice(0, 3)).toEqual([
      'failed online login (AUTHN_LOGIN_EVENT) at 2026-11-26T08:10:05+01:00, from agent ws-093.corp.example.com, reason BAD_PASSCODE',
      'failed online login (AUTHN_LOGIN_EVENT) at 2026-11-26T08:10:40+01:00',
      'lockout (AUTHN_LOCKOUT_EVENT) at 2026-11-26T08:11:02+01:00',
    ]);
    expect(cause.remediation).toEqual([
      'Identity > Users > Manage Existing: open hbauer, check the lockout status and unlock the account or token.',
      'Check with hbauer that the PIN and tokencode are typed correctly; where the token\'s clock has drifted, Authentication > SecurID Tokens > Manage Existing: resynchronize it.',
      'Ask hbauer to authenticate online once from ws-093.corp.example.com so that offline days download again.',
    ]);
  });

  it('fires for an expired token and says to replace it', async () => {
    const causes = causesOf(hbauer, {
      snapshots: await snapshotFixture('pinned.json'),
      events: [event('token-expired', '2026-11-26T08:11:00.200+01:00', { userId: 'hbauer', tokenSerial: '000678901234' })],
    });
    expect(summary(causes)).toEqual(['online-authentication-problem (medium)']);
    expect(causes[0].evidence[0]).toBe('expired token (TOKEN_EXPIRED) at 2026-11-26T08:11:00+01:00, token 000678901234');
    expect(causes[0].remediation[0]).toBe(
      "Authentication > SecurID Tokens > Manage Existing: hbauer's token has expired; assign hbauer a replacement token.",
    );
  });

  it('ignores problems more than 5 minutes before, and those of other users', async () => {
    const causes = causesOf(hbauer, {
      snapshots: await snapshotFixture('pinned.json'),
      events: [
        event('login-failed', '2026-11-26T08:08:04+01:00', { userId: 'hbauer' }),
        event('lockout', '2026-11-26T08:12:00+01:00', { userId: 'jdoe' }),
      ],
    });
    expect(summary(causes)).toEqual(['unexplained (low)']);
  });
});
