import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/**
 * The Google Ads API v25 messages, read at test time by protobufjs from the protocol buffers of
 * ../shared/platform-specs/google-ads-v25 (never copied into the project). `check` names every
 * field of a REST JSON object that its message does not have, or whose value is not of the
 * field's type as proto3 JSON writes it: lowerCamelCase names, 64-bit integers as strings, enums
 * by name, doubles as numbers.
 */
export const SPEC_DIR = fileURLToPath(new URL('../../../../../shared/platform-specs/google-ads-v25/', import.meta.url));
export const V25 = 'google.ads.googleads.v25';

const ENTRY_FILES = [
  'services/google_ads_service.proto',
  'services/campaign_budget_service.proto',
  'services/campaign_service.proto',
  'services/ad_group_criterion_service.proto',
  'services/ad_group_ad_service.proto',
  'errors/errors.proto',
];

let loaded: protobuf.Root | undefined;

/**
 * The specs hold the files our messages need but not every file they import (other services,
 * google/api annotations, google/rpc): files are parsed one by one, following the imports that
 * exist (google/protobuf ones come bundled with protobufjs), and types are resolved only as the
 * checked JSON reaches them, so a missing import matters only if the fake answers with its type.
 */
export function specRoot(): protobuf.Root {
  if (loaded) return loaded;
  const root = new protobuf.Root();
  const seen = new Set<string>();
  const load = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const path = join(SPEC_DIR, file);
    if (!existsSync(path)) {
      const bundled = protobuf.common.get(file);
      if (bundled?.nested) root.addJSON(bundled.nested);
      return;
    }
    const parsed = protobuf.parse(readFileSync(path, 'utf8'), root, { keepCase: true });
    for (const i of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) load(i);
  };
  for (const file of ENTRY_FILES) load(`google/ads/googleads/v25/${file}`);
  loaded = root;
  return root;
}

const INT64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const INT32 = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

/** Problems of a REST JSON object against a message (full name, e.g. google.ads.googleads.v25.resources.Campaign). */
export function check(value: unknown, typeName: string, where = typeName.split('.').pop() as string): string[] {
  return checkMessage(value, specRoot().lookupType(typeName), where);
}

function checkMessage(value: unknown, type: protobuf.Type, where: string): string[] {
  if (type.fullName === '.google.protobuf.FieldMask')
    return typeof value === 'string' ? [] : [`${where}: a FieldMask string expected, got ${JSON.stringify(value)}`];
  if (type.fullName === '.google.protobuf.Duration') {
    return typeof value === 'string' && /^-?\d+(\.\d{1,9})?s$/.test(value) ? [] : [`${where}: a Duration like "12s" expected, got ${JSON.stringify(value)}`];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${where}: an object (${type.name}) expected, got ${JSON.stringify(value)}`];
  const byJsonName = new Map(Object.values(type.fields).map((f) => [camel(f.name), f]));
  return Object.entries(value as Record<string, unknown>).flatMap(([name, v]) => {
    const field = byJsonName.get(name);
    if (!field) return [`${where}.${name}: not a field of ${type.name}`];
    if (field.repeated) {
      return Array.isArray(v)
        ? v.flatMap((item, i) => checkField(item, field, `${where}.${name}[${i}]`))
        : [`${where}.${name}: a list expected, got ${JSON.stringify(v)}`];
    }
    return checkField(v, field, `${where}.${name}`);
  });
}

function checkField(value: unknown, field: protobuf.Field, where: string): string[] {
  const fail = (what: string) => [`${where}: ${what} (${field.type}) expected, got ${JSON.stringify(value)}`];
  if (INT64.has(field.type)) return typeof value === 'string' && /^-?\d+$/.test(value) ? [] : fail('an integer as a string');
  if (INT32.has(field.type)) return Number.isInteger(value) ? [] : fail('an integer');
  if (field.type === 'double' || field.type === 'float') return typeof value === 'number' && Number.isFinite(value) ? [] : fail('a number');
  if (field.type === 'bool') return typeof value === 'boolean' ? [] : fail('a boolean');
  if (field.type === 'string' || field.type === 'bytes') return typeof value === 'string' ? [] : fail('a string');
  if (field.type === 'google.rpc.Status') return checkStatus(value, where);
  try {
    field.resolve();
  } catch {
    return [`${where}: the type ${field.type} is not in the specs`];
  }
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum)
    return typeof value === 'string' && value in resolved.values ? [] : fail(`one of ${Object.keys(resolved.values).length} names`);
  return checkMessage(value, resolved as protobuf.Type, where);
}

/**
 * google/rpc/status.proto is not among the specs: a Status (a partial failure, the error
 * envelope) is checked by hand, its details by the type each names in `@type`.
 */
export function checkStatus(value: unknown, where: string, extra: Record<string, (v: unknown) => boolean> = {}): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${where}: a google.rpc.Status expected, got ${JSON.stringify(value)}`];
  const shapes: Record<string, (v: unknown) => boolean> = {
    code: (v) => Number.isInteger(v),
    message: (v) => typeof v === 'string',
    details: (v) => Array.isArray(v),
    ...extra,
  };
  const problems = Object.entries(value as Record<string, unknown>).flatMap(([name, v]) =>
    !shapes[name] ? [`${where}.${name}: not a field of google.rpc.Status`] : shapes[name](v) ? [] : [`${where}.${name}: wrong type, got ${JSON.stringify(v)}`],
  );
  const details = ((value as { details?: unknown[] }).details ?? []) as Record<string, unknown>[];
  details.forEach((detail, i) => {
    const typeUrl = String(detail['@type']);
    const prefix = 'type.googleapis.com/';
    if (!typeUrl.startsWith(prefix)) {
      problems.push(`${where}.details[${i}]: @type ${typeUrl} is not a type URL`);
      return;
    }
    const rest = Object.fromEntries(Object.entries(detail).filter(([k]) => k !== '@type'));
    problems.push(...check(rest, typeUrl.slice(prefix.length), `${where}.details[${i}]`));
  });
  return problems;
}
