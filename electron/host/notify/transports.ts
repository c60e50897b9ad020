import { postToSlack, type FetchLike } from './slack-webhook';
import { sendMail, type SmtpTls } from './smtp-mail';
import type { Transports } from './outbox-sender';

/** Slack over Node's fetch and e-mail over nodemailer; `smtpTls` trusts a local test server's certificate. */
export function realTransports(options: { fetch?: FetchLike; smtpTls?: SmtpTls } = {}): Transports {
  const fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  return {
    slack: (url, message) => postToSlack(fetchFn, url, message),
    email: (settings, password, message, messageId) => sendMail(settings, password, message, messageId, options.smtpTls),
  };
}
