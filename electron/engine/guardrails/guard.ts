import { constraintChecks, escalationFindings } from './constraints';
import { holdoutFindings } from './holdout';
import { policyFindings } from './policies';
import { sanityChecks } from './sanity';
import { sharerFindings } from './shared-budget';
import type { Finding, GuardInput, Verdict } from './types';

/**
 * Step 4 of the loop: before anything executes. Any breach of a sanity bound, a constraint or a
 * policy, or a holdout campaign of a running experiment, blocks the action (all breaches are reported, not only the first; a shared budget's
 * change is judged for every campaign on it); otherwise low confidence or a raise above the
 * approval limit sends it to a person; otherwise it may execute.
 */
export function guard(input: GuardInput): Verdict {
  const blocks: Finding[] = [];
  for (const check of [...sanityChecks, ...constraintChecks]) {
    const finding = check(input);
    if (finding) blocks.push(finding);
  }
  blocks.push(...policyFindings(input), ...sharerFindings(input), ...holdoutFindings(input));
  if (blocks.length > 0) return { outcome: 'block', findings: blocks };
  const escalations = escalationFindings(input);
  if (escalations.length > 0) return { outcome: 'escalate', findings: escalations };
  return { outcome: 'allow' };
}
