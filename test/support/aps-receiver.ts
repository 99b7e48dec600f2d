// A local APS endpoint for the outbox tests: keeps every request and answers as the test decides.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ApsRequest = { path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> };
/** A status to answer, or 'hang' to never answer (the sender's timeout must end it). */
export type ApsAnswer = number | 'hang';

export type ApsReceiver = {
  port: number;
  requests: ApsRequest[];
  answer: (request: ApsRequest) => ApsAnswer;
  close(): Promise<void>;
};

export async function startApsReceiver(): Promise<ApsReceiver> {
  const receiver: ApsReceiver = { port: 0, requests: [], answer: () => 200, close: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = {
        path: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString()),
      };
      receiver.requests.push(received);
      const answer = receiver.answer(received);
      if (answer === 'hang') return;
      response.writeHead(answer, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer < 300 ? { accepted: true } : { error: 'not now' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** A port nothing listens on: a server is opened there and closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
