/** Enough for `{"id": ` and the longest id a request may carry: 128 characters, each at most a 6-byte escape. */
const HEAD_BYTES = 1024;

/** `{"id": <integer or string>` then `,` or `}`: how the renderer's bridge starts every message. */
// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters: the class refuses them, as JSON.parse would.
const LEADING_ID = /^\s*\{\s*"id"\s*:\s*(-?(?:0|[1-9]\d{0,15})|"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*")\s*[,}]/;

/**
 * The id of a message too large to parse, read from its first bytes only, so that the refusal
 * still reaches the call waiting for it. Undefined unless the message opens with its id.
 */
export function leadingRequestId(message: Buffer): unknown {
  const match = LEADING_ID.exec(message.subarray(0, HEAD_BYTES).toString('utf8'));
  return match ? JSON.parse(match[1]) : undefined;
}
