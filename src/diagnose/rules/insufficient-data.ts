/** Rule 10: the user's effective policy cannot be found; the evidence names what is missing. */
import { judgedCause, USER_PATH, type Rule } from '../cause.js';

export const insufficientData: Rule = {
  id: 'insufficient-data',
  judge(ctx) {
    if (ctx.missing.length === 0) return null;
    const user = ctx.group.userId;
    const remediation =
      ctx.inForce === null
        ? [
            'Record the offline policies, security domains, and the users\' domains and tokens from the Security Console: aamlog snapshot template > snapshots/<date>.json, edit it, and check it with aamlog snapshot check snapshots/.',
            'Run the analysis again with --snapshots snapshots/.',
          ]
        : [
            `${USER_PATH}: look up ${user}'s security domain and tokens, and add them (and the domain with its offline policy) to a new snapshot.`,
            'Run the analysis again with the new snapshot.',
          ];
    return judgedCause(ctx, {
      id: 'insufficient-data',
      confidence: 'low',
      dependsOnToken: false,
      summary: `Not enough data to check ${user}'s offline policy: ${ctx.missing[0]}.`,
      evidence: ctx.missing,
      remediation,
    });
  },
};
