import { describe, expect, it } from 'vitest';
import type { Cause } from '../src/model.js';
import type { ReportUser } from '../src/report.js';
import { renderUserDetail } from '../src/render/user-detail.js';

const cause: Cause = {
  id: 'passcode-shorter-than-minimum',
  confidence: 'high',
  summary: "jdoe's software-pinpad token 000123456789 types 8 digits, fewer than the minimum online passcode length of 10 in policy 'Legacy Laptops', and no override allows it.",
  evidence: [
    "'Legacy Laptops': minimum online passcode length 10 > 8 digits typed with software-pinpad token 000123456789; 'PINPad or Software Token' is not allowed",
  ],
  remediation: ['Edit the policy.', 'Ask jdoe to authenticate online once from ws-042.corp.example.com so that offline days download again.'],
  snapshot: '2026-11-25T12:00:00+01:00',
};

function user(userId: string, agent: string): ReportUser {
  return {
    userId,
    securityDomain: 'Field Sales',
    status: 'open',
    failures: 12,
    firstFailure: '2026-11-27T08:00:01+01:00',
    lastFailure: '2026-11-27T17:42:10+01:00',
    causes: [cause],
    groups: [
      {
        agent,
        token: '000123456789',
        failures: 12,
        firstFailure: '2026-11-27T08:00:01+01:00',
        lastFailure: '2026-11-27T17:42:10+01:00',
        status: 'open',
        errors: [{ message: 'Failed to send day data.', count: 12 }],
        causes: [cause, { ...cause, id: 'unexplained', confidence: 'low', snapshot: null, evidence: [], remediation: ['Collect traces.'] }],
        agentIp: '10.10.4.42',
      },
    ],
  };
}

describe('renderUserDetail', () => {
  it('prints every group and every cause with confidence, evidence and numbered remediation', () => {
    expect(renderUserDetail(user('jdoe', 'ws-042.corp.example.com'))).toBe(
      [
        'User jdoe (security domain Field Sales): open',
        '  12 offline download failures from 2026-11-27T08:00:01+01:00 to 2026-11-27T17:42:10+01:00',
        `  Likely cause: passcode-shorter-than-minimum (high): ${cause.summary}`,
        '',
        'Group 1 of 1: agent ws-042.corp.example.com (10.10.4.42), token 000123456789',
        '  open: 12 failures from 2026-11-27T08:00:01+01:00 to 2026-11-27T17:42:10+01:00',
        '  Errors: Failed to send day data. (12)',
        '  Causes, most likely first:',
        '  1. passcode-shorter-than-minimum, confidence high (judged against the snapshot captured 2026-11-25T12:00:00+01:00)',
        `     ${cause.summary}`,
        '     Evidence:',
        `       - ${cause.evidence[0]}`,
        '     Remediation:',
        '       1. Edit the policy.',
        '       2. Ask jdoe to authenticate online once from ws-042.corp.example.com so that offline days download again.',
        '  2. unexplained, confidence low',
        `     ${cause.summary}`,
        '     Evidence:',
        '     Remediation:',
        '       1. Collect traces.',
        '',
      ].join('\n'),
    );
  });

  it('shows escape sequences and control characters from logs escaped, never raw', () => {
    const text = renderUserDetail(user('j\u001b[2Jdoe\u0007', 'ws\u009b31m-042\r'));
    expect(text).toContain('User j\\x1b[2Jdoe\\x07 (security domain Field Sales): open');
    expect(text).toContain('Group 1 of 1: agent ws\\x9b31m-042\\x0d (10.10.4.42)');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
