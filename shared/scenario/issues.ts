import type { z } from 'zod';

/** One mistake in a scenario or agent file: where (a JSON path such as `campaigns[2].dailyBudget`) and what. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** What one alternative of a union wanted, when its issue says so plainly. */
function expectedOf(issue: z.core.$ZodIssue | undefined): string | undefined {
  if (issue?.code === 'invalid_type') return article(issue.expected);
  if (issue?.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  return undefined;
}

/** A value past one of its bounds: "must be at most 10000000, got 1e+308", "must not be empty". */
function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, input: unknown): string {
  const small = issue.code === 'too_small';
  const bound = String(small ? issue.minimum : issue.maximum);
  const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  if (issue.origin === 'array') {
    if ((issue as { exact?: boolean }).exact) return `must have exactly ${bound} items, got ${Array.isArray(input) ? input.length : describe(input)}`;
    return `must have ${op} ${bound} items`;
  }
  if (issue.origin === 'string')
    return small ? 'must not be empty' : `must be at most ${bound} characters, got ${typeof input === 'string' ? input.length : describe(input)}`;
  return !small && issue.inclusive ? `must be at most ${bound}, got ${describe(input)}` : `must be ${op} ${bound}, got ${describe(input)}`;
}

/** zod's issues in the words of this format; unknown keys become one issue per key, at the key. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: `unknown key '${key}'` });
        break;
      case 'invalid_type':
        out.push({
          path: formatPath(path),
          message: input === undefined ? `is required (${article(issue.expected)})` : `must be ${article(issue.expected)}, got ${describe(input)}`,
        });
        break;
      case 'too_small':
      case 'too_big':
        out.push({ path: formatPath(path), message: sizeMessage(issue, input) });
        break;
      case 'invalid_value':
        out.push({ path: formatPath(path), message: `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describe(input)}` });
        break;
      case 'invalid_union': {
        const discriminator = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
        if (discriminator) {
          const options = (issue as { options?: unknown[] }).options ?? [];
          const given = input && typeof input === 'object' ? (input as Record<string, unknown>)[discriminator] : undefined;
          out.push({
            path: formatPath(path),
            message: `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${describe(given)}`,
          });
        } else {
          const options = issue.errors.map((optionIssues) => expectedOf(optionIssues.find((i) => i.path.length === 0)));
          const known = options.every((o) => o !== undefined);
          out.push({
            path: formatPath(path),
            message: known ? `must be ${options.join(' or ')}, got ${describe(input)}` : `is not valid here (got ${describe(input)})`,
          });
        }
        break;
      }
      case 'invalid_format':
      case 'custom':
        out.push({ path: formatPath(path), message: `${issue.message}${input === undefined ? '' : `, got ${describe(input)}`}` });
        break;
      default:
        out.push({ path: formatPath(path), message: issue.message });
    }
  }
  return out;
}
