/** A refusal of the fake, answered in Meta's error envelope. */
export class FakeGraphError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra: { type?: string; subcode?: number; userTitle?: string; userMessage?: string; status?: number; regainMinutes?: number } = {},
  ) {
    super(message);
  }

  get status(): number {
    return this.extra.status ?? (this.code === 1 || this.code === 2 ? 500 : 400);
  }

  body(traceId: string): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { message: this.message, type: this.extra.type ?? 'OAuthException', code: this.code };
    if (this.extra.subcode !== undefined) error.error_subcode = this.extra.subcode;
    if (this.extra.userTitle !== undefined) error.error_user_title = this.extra.userTitle;
    if (this.extra.userMessage !== undefined) error.error_user_msg = this.extra.userMessage;
    error.fbtrace_id = traceId;
    return { error };
  }
}

/** Meta's answer for an id it does not know, or a node that does not have the edge asked for. */
export function unsupported(method: string, id: string): FakeGraphError {
  return new FakeGraphError(
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    { type: 'GraphMethodException', subcode: 33 },
  );
}

export function invalidParameter(message: string, userMessage?: string): FakeGraphError {
  return new FakeGraphError(100, `(#100) ${message}`, { userMessage, userTitle: userMessage ? 'Invalid parameter' : undefined });
}
