import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The Graph API's field types, read at test time from the spec files of
 * ../shared/platform-specs/meta-marketing-api (Meta's SDK code generator's): never copied into
 * the project. `check` names every field whose value does not have its spec's type.
 */
export const SPEC_DIR = fileURLToPath(new URL('../../../../../shared/platform-specs/meta-marketing-api/', import.meta.url));

interface SpecFile {
  fields: { name: string; type: string }[];
  apis: { method?: string; endpoint?: string; name?: string; params?: { name: string; type: string }[] }[];
}

const specs = new Map<string, SpecFile | undefined>();
let enums: Map<string, string[]> | undefined;

export function spec(name: string): SpecFile | undefined {
  if (!specs.has(name)) {
    const file = `${SPEC_DIR}${name}.json`;
    specs.set(name, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SpecFile) : undefined);
  }
  return specs.get(name);
}

export function enumValues(name: string): string[] | undefined {
  enums ??= new Map((JSON.parse(readFileSync(`${SPEC_DIR}enum_types.json`, 'utf8')) as { name: string; values: string[] }[]).map((e) => [e.name, e.values]));
  return enums.get(name);
}

/** The update parameters an object's `#update` takes, by name → type. */
export function updateParams(object: string): Map<string, string> {
  const api = spec(object)?.apis.find((a) => a.name === '#update');
  return new Map((api?.params ?? []).map((p) => [p.name, p.type]));
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/;

/** Problems of a value against a spec type ("string", "list<AdsActionStats>", "Campaign_status", "AdCampaignLearningStageInfo"). */
export function checkValue(value: unknown, type: string, where: string): string[] {
  const list = /^list<(.+)>$/.exec(type);
  if (list)
    return Array.isArray(value)
      ? value.flatMap((v, i) => checkValue(v, list[1], `${where}[${i}]`))
      : [`${where}: ${type} expected, got ${JSON.stringify(value)}`];
  if (/^map</.test(type) || type === 'Object') return isObject(value) ? [] : [`${where}: ${type} expected, got ${JSON.stringify(value)}`];
  const fail = (what: string) => [`${where}: ${what} (${type}) expected, got ${JSON.stringify(value)}`];
  switch (type) {
    case 'string':
      return typeof value === 'string' ? [] : fail('a string');
    case 'int':
      return Number.isInteger(value) ? [] : fail('an integer');
    case 'unsigned int':
      return Number.isInteger(value) && (value as number) >= 0 ? [] : fail('an unsigned integer');
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? [] : fail('a number');
    case 'bool':
      return typeof value === 'boolean' ? [] : fail('a boolean');
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) ? [] : fail('a datetime like 2026-01-05T09:30:00+0100');
  }
  const values = enumValues(type);
  if (values) return typeof value === 'string' && values.includes(value) ? [] : fail(`one of ${values.length} values`);
  if (!isObject(value)) return fail('an object');
  return spec(type) ? checkObject(value as Record<string, unknown>, type, where) : [];
}

/** Problems of an object against a spec file: every field it has must be one of the spec's, of the spec's type. */
export function checkObject(object: Record<string, unknown>, type: string, where: string, extraFields: Record<string, string> = {}): string[] {
  const fields = new Map((spec(type)?.fields ?? []).map((f) => [f.name, f.type]));
  if (fields.size === 0) return [`${where}: no spec for ${type}`];
  return Object.entries(object).flatMap(([name, value]) => {
    const fieldType = fields.get(name) ?? extraFields[name];
    return fieldType === undefined ? [`${where}.${name}: not a field of ${type}`] : checkValue(value, fieldType, `${where}.${name}`);
  });
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
