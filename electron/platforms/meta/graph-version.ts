/**
 * The one place the Graph API version is pinned. Meta keeps a version for about two years;
 * moving on is a change here and a run of the contract tests against the fake and the specs.
 */
export const GRAPH_VERSION = 'v24.0';

/** Where the real Graph API answers; the fake and the tests pass their own base URL. */
export const META_GRAPH_BASE = 'https://graph.facebook.com';

const VERSION_SEGMENT = /^v(\d+)\.(\d+)$/;

/** Whether a path segment names Graph API version `minimum` or a later one ("v24.0", "v25.0"). */
export function isVersionAtLeast(segment: string, minimum = GRAPH_VERSION): boolean {
  const found = VERSION_SEGMENT.exec(segment);
  const floor = VERSION_SEGMENT.exec(minimum);
  if (!found || !floor) return false;
  const [major, minor] = [Number(found[1]), Number(found[2])];
  const [floorMajor, floorMinor] = [Number(floor[1]), Number(floor[2])];
  return major > floorMajor || (major === floorMajor && minor >= floorMinor);
}
