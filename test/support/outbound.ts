// Local receivers for outbound messages: an SMTP sink and a chat-webhook endpoint, both on port 0.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type Mail = { to: string[]; headers: Record<string, string>; subject: string; messageId: string; text: string };

const unfold = (head: string) => head.replace(/\r\n[ \t]+/g, ' ');

function encodedWordBytes(word: string): Buffer {
  const [, , encoding, data] = /^=\?([^?]+)\?([BbQq])\?([^?]*)\?=$/.exec(word) ?? [];
  if (encoding?.toUpperCase() === 'B') return Buffer.from(data ?? '', 'base64');
  return quotedPrintable((data ?? '').replaceAll('_', ' '));
}

/** RFC 2047: adjacent encoded words form one byte run (a character may straddle two words). */
function decodeWords(value: string): string {
  return value.replace(/=\?[^?]+\?[BbQq]\?[^?]*\?=(?:\s*=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g, (run) =>
    Buffer.concat((run.match(/=\?[^?]+\?[BbQq]\?[^?]*\?=/g) ?? []).map(encodedWordBytes)).toString('utf8'),
  );
}

function quotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
  }
  return Buffer.from(bytes);
}

/** A single-part text mail as a test reads it: headers decoded, body decoded from its transfer encoding. */
export function parseMail(raw: string, to: string[]): Mail {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of unfold(raw.slice(0, split)).split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? quotedPrintable(body).toString('utf8')
        : body;
  return { to, headers, subject: headers.subject ?? '', messageId: headers['message-id'] ?? '', text };
}

export type SmtpSink = { port: number; mails: Mail[]; logins: string[]; close(): Promise<void> };

/** Accepts every sign-in and every mail, without TLS, and keeps them. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: Mail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = (session.envelope.rcptTo ?? []).map((r) => r.address);
        mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export type Hook = { path: string; headers: IncomingHttpHeaders; body: any; status: number };
export type HookReceiver = {
  port: number;
  hooks: Hook[];
  /** Decides the answer to each request (200 unless it says otherwise). */
  answer: (hook: Omit<Hook, 'status'>) => number;
  close(): Promise<void>;
};

/** A chat platform's incoming webhook: keeps every request and answers as `answer` decides. */
export async function startHookReceiver(): Promise<HookReceiver> {
  const receiver: HookReceiver = { port: 0, hooks: [], answer: () => 200, close: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const hook = {
        path: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString()),
      };
      const status = receiver.answer(hook);
      receiver.hooks.push({ ...hook, status });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status === 200 ? { errcode: 0, errmsg: 'ok' } : { error: 'unavailable' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
