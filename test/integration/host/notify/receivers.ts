import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A Slack incoming webhook on 127.0.0.1: keeps every text it took; `failNext(n)` answers the next n posts with `status`. */
export async function startWebhookReceiver() {
  const texts: string[] = [];
  let failures = 0;
  let failStatus = 500;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        res.writeHead(failStatus, { 'Content-Type': 'text/plain' }).end('no_service');
        return;
      }
      texts.push((JSON.parse(body) as { text: string }).text);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/s3cr3tW3bh00kP4th`,
    texts,
    failNext(n: number, status = 500) {
      failures = n;
      failStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedMail {
  messageId: string;
  subject: string;
  text: string;
  raw: string;
}

/** Undoes quoted-printable, which nodemailer uses for a body with characters beyond ASCII. */
function unquote(body: string): string {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseMail(raw: string): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const body = raw.slice(split + 4);
  return { messageId: header('Message-ID'), subject: header('Subject'), text: /quoted-printable/i.test(head) ? unquote(body) : body, raw };
}

/** An SMTP server on 127.0.0.1 that offers STARTTLS (smtp-server's own certificate) and wants `user`/`password`. */
export async function startSmtpReceiver(user = 'acm', password = 'smtp-Pa55word-xyz') {
  const mails: ReceivedMail[] = [];
  const logins: { tls: boolean }[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, session, callback) {
      logins.push({ tls: session.secure });
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push(parseMail(raw));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    user,
    password,
    mails,
    logins,
    url: `smtp://${user}:${password}@127.0.0.1:${port}?to=ops@agency.test&from=acm@agency.test`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
