/** Rule 1: the agent's proof of authentication data is rejected (RSA KB 000033697). */
import type { Rule } from '../cause.js';

/** Failures closer together than this are the agent's own retry loop, not a user trying. */
const RETRY_LOOP_MS = 10_000;

export const agentInvalidProof: Rule = {
  id: 'agent-invalid-proof',
  judge(ctx) {
    const { group } = ctx;
    const invalid = group.errors.filter((e) => e.message.toLowerCase().includes('invalid proof'));
    if (invalid.length === 0) return null;
    const count = invalid.reduce((sum, e) => sum + e.count, 0);
    const agent = group.agent ?? 'the agent';
    const evidence = [
      `${count} of ${group.failures} failures from agent ${agent} carry the error ${invalid.map((e) => `'${e.message}'`).join(', ')}, between ${group.firstFailure} and ${group.lastFailure}`,
    ];
    const gapMs = group.failures > 2 ? (group.lastMs - group.firstMs) / (group.failures - 1) : Infinity;
    if (gapMs < RETRY_LOOP_MS) {
      evidence.push(
        `one failure every ${(gapMs / 1000).toFixed(1)} s on average: the agent retries in a loop, the pattern of AAWIN-2421 (Authentication Agent for Windows 7.3.3 [103])`,
      );
    }
    return {
      id: 'agent-invalid-proof',
      confidence: 'high',
      summary: `Agent ${agent} sends proof of authentication data that AM rejects as 'Invalid proof', so ${group.userId}'s offline days are not sent.`,
      evidence,
      remediation: [
        `On ${agent}: update the RSA Authentication Agent to the latest release (for Windows at least 7.3.3 [114], which fixes AAWIN-2421), and check that its server certificate (server.cer) is current.`,
        `If it goes on: collect /opt/rsa/am/server/logs/imsTrace.log from the primary and every replica and the agent's verbose da_svc.log (DAService) from ${agent} for the failure times, and open a case with RSA (KB 000033697).`,
        `Ask ${group.userId} to authenticate online once from ${agent} so that offline days download again.`,
      ],
      snapshot: null,
    };
  },
};
