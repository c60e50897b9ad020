import { constraintChecks, escalationFindings } from './constraints';
import { policyFindings } from './policies';
import { sanityChecks } from './sanity';
import type { Finding, GuardInput, Verdict } from './types';

/**
 * Step 4 of the loop: before anything executes. Any breach of a sanity bound, a constraint or a
 * policy blocks the action (all breaches are reported, not only the first); otherwise low
 * confidence or a raise above the approval limit sends it to a person; otherwise it may execute.
 */
export function guard(input: GuardInput): Verdict {
  const blocks: Finding[] = [];
  for (const check of [...sanityChecks, ...constraintChecks]) {
    const finding = check(input);
    if (finding) blocks.push(finding);
  }
  blocks.push(...policyFindings(input));
  if (blocks.length > 0) return { outcome: 'block', findings: blocks };
  const escalations = escalationFindings(input);
  if (escalations.length > 0) return { outcome: 'escalate', findings: escalations };
  return { outcome: 'allow' };
}
