import { createTransport } from 'nodemailer';
import type { ConnectionOptions } from 'node:tls';
import type { EmailSettings } from '@shared/domain/notify';
import type { MessageText } from '@shared/notify/message-text';

/** The domain of every Message-ID the app writes: a receiver deduplicates on the whole id. */
const MESSAGE_ID_DOMAIN = 'acm.notify';

export function messageIdHeader(messageId: string): string {
  return `<${messageId}@${MESSAGE_ID_DOMAIN}>`;
}

/** TLS settings beyond the system's (a test server's own certificate authority). */
export type SmtpTls = ConnectionOptions;

/**
 * Sends one message over SMTP with nodemailer. Without `secure` (smtps), the server must offer
 * STARTTLS or nothing is sent: a password never crosses the network in clear. The message's id
 * is its Message-ID, so a receiver sees a repeat after a crash as the same message.
 */
export async function sendMail(settings: EmailSettings, password: string | undefined, message: MessageText, messageId: string, tls?: SmtpTls): Promise<void> {
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure,
    ...(settings.user === '' ? {} : { auth: { user: settings.user, pass: password ?? '' } }),
    ...(tls ? { tls } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    await transport.sendMail({ from: settings.from, to: settings.to, subject: message.subject, text: message.text, messageId: messageIdHeader(messageId) });
  } finally {
    transport.close();
  }
}
