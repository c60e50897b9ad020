const TOKEN_PARAMETER = /(access_token=)[^&\s"'#]+/gi;
const TOKEN_FIELD = /("access_token"\s*:\s*")[^"]*(")/gi;

/**
 * Text that may carry the access token (a URL, a network error, a message Meta wrote), fit for a
 * log line or an error message: the `access_token` parameter and every copy of the token itself
 * are replaced. The token never leaves the client any other way.
 */
export function redactToken(text: string, token?: string): string {
  let clean = text.replace(TOKEN_PARAMETER, '$1[redacted]').replace(TOKEN_FIELD, '$1[redacted]$2');
  if (token && token.length >= 8) clean = clean.split(token).join('[redacted]');
  return clean;
}

/** A URL's path and query for a message, without the token. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return redactToken(`${parsed.pathname}${parsed.search}`);
  } catch {
    return redactToken(url);
  }
}
