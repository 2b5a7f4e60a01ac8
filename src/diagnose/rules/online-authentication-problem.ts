/**
 * Rule 7: the user failed online authentication just before the download failed; offline
 * days download only after a successful online authentication.
 */
import type { AmEvent } from '../../model.js';
import { judgedCause, notDefectiveEvidence, reauthenticate, TOKEN_PATH, USER_PATH, type Rule } from '../cause.js';

export const ONLINE_WINDOW_MS = 5 * 60_000;

const WHAT: Record<string, string> = {
  'login-failed': 'failed online login (AUTHN_LOGIN_EVENT)',
  lockout: 'lockout (AUTHN_LOCKOUT_EVENT)',
  'token-expired': 'expired token (TOKEN_EXPIRED)',
};

function describe(event: AmEvent, iso: string): string {
  const details = [
    event.agentName ? `from agent ${event.agentName}` : null,
    event.tokenSerial ? `token ${event.tokenSerial}` : null,
    event.reason ? `reason ${event.reason}` : null,
  ].filter(Boolean);
  return `${WHAT[event.kind]} at ${iso}${details.length ? `, ${details.join(', ')}` : ''}`;
}

export const onlineAuthenticationProblem: Rule = {
  id: 'online-authentication-problem',
  judge(ctx) {
    const j = ctx.judgement;
    if (j === null || j.defects.length > 0) return null;
    const last = ctx.group.lastMs;
    const recent = ctx.onlineProblems.filter((e) => e.epochMs <= last && e.epochMs >= last - ONLINE_WINDOW_MS);
    if (recent.length === 0) return null;
    const count = (kind: string) => recent.filter((e) => e.kind === kind).length;
    const tally = [
      [count('login-failed'), 'failed login'],
      [count('lockout'), 'lockout'],
      [count('token-expired'), 'expired token'],
    ]
      .filter(([n]) => Number(n) > 0)
      .map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`)
      .join(', ');
    const user = ctx.group.userId;
    const remediation: string[] = [];
    if (count('lockout') > 0) remediation.push(`${USER_PATH}: open ${user}, check the lockout status and unlock the account or token.`);
    if (count('token-expired') > 0) remediation.push(`${TOKEN_PATH}: ${user}'s token has expired; assign ${user} a replacement token.`);
    if (count('login-failed') > 0) {
      remediation.push(`Check with ${user} that the PIN and tokencode are typed correctly; where the token's clock has drifted, ${TOKEN_PATH}: resynchronize it.`);
    }
    remediation.push(reauthenticate(ctx));
    return judgedCause(ctx, {
      id: 'online-authentication-problem',
      confidence: 'medium',
      dependsOnToken: true,
      summary: `${user} failed online authentication (${tally}) in the 5 minutes before the download failed; offline days download only after a successful online authentication.`,
      evidence: [...recent.map((e) => describe(e, ctx.zone.iso(e.epochMs))), notDefectiveEvidence(j)],
      remediation,
    });
  },
};
