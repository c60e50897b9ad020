import type { MessageText } from '@shared/notify/message-text';

/** Node's fetch, or a stand-in. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Slack's mrkdwn reads &, < and > as markup: they are escaped so that the text arrives as written. */
const escapeSlack = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Why a request failed, without the URL: an incoming webhook's URL is its secret. */
function reachFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `could not reach Slack: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
}

/**
 * Posts a message to a Slack incoming webhook; throws an Error saying why it was not taken
 * ("HTTP 404: no_service"), never naming the URL.
 */
export async function postToSlack(fetch: FetchLike, webhookUrl: string, message: MessageText, timeoutMs = 15_000): Promise<void> {
  let response: Response;
  try {
    response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: `*${escapeSlack(message.subject)}*\n${escapeSlack(message.text)}` }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(reachFailure(error), { cause: error });
  }
  if (response.ok) return;
  const said = (await response.text().catch(() => '')).trim().slice(0, 200);
  throw new Error(`HTTP ${response.status}${said ? `: ${said}` : ''}`);
}
