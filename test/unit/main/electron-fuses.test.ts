import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const fuses: Record<string, unknown> = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).build.electronFuses;

/** The fuse names electron-builder reads (FuseOptionsV1 in its configuration types); any other key is silently ignored. */
function knownFuses(): string[] {
  const types = join(createRequire(join(root, 'package.json')).resolve('app-builder-lib/package.json'), '..', 'out', 'configuration.d.ts');
  const block = readFileSync(types, 'utf8').match(/export interface FuseOptionsV1 \{([\s\S]*?)\n\}/)?.[1] ?? '';
  return [...block.matchAll(/^\s{4}(\w+)\?:/gm)].map((match) => match[1]);
}

describe('the Electron fuses of the packaged app', () => {
  it('give file:// pages no extra privileges: the renderer is served from app://', () => {
    expect(fuses.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('are all fuses electron-builder knows, so none is silently left at its default', () => {
    const known = knownFuses();
    expect(known).toContain('grantFileProtocolExtraPrivileges');
    for (const name of Object.keys(fuses)) expect(known, name).toContain(name);
  });
});
