import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AcmError } from '@shared/errors';
import { parseScenario } from '@shared/scenario/load';
import type { Scenario } from '@shared/scenario/schema';
import { loadScenarioFile } from '../lab/load-file';

/**
 * A scenario with the text it came from. A sandbox account keeps the text, not the parsed
 * scenario: parsing it again gives the very same numbers (normalising the parsed one again
 * would not), and a later build's defaults apply to it as to any file.
 */
export interface ScenarioSource {
  text: string;
  scenario: Scenario;
  /** sha256 of the scenario as parsed, keys sorted: the same for two files that differ only in layout. */
  fingerprint: string;
}

function problems(where: string, errors: readonly { path: string; message: string }[]): AcmError {
  return new AcmError('INVALID_INPUT', `cannot open scenario ${where}:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
}

export function scenarioFromText(text: string, where: string): ScenarioSource {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw problems(where, parsed.errors);
  return { text, scenario: parsed.scenario, fingerprint: fingerprintOf(parsed.scenario) };
}

/** Reads a scenario file (only a regular file of bounded size, see loadScenarioFile). */
export async function readScenarioFile(path: string): Promise<ScenarioSource> {
  const checked = await loadScenarioFile(path);
  if (!checked.ok) throw problems(path, checked.errors);
  return scenarioFromText(await readFile(path, 'utf8'), path);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

export function fingerprintOf(scenario: Scenario): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(scenario)))
    .digest('hex');
}
