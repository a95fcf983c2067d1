import { createServer, connect, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { ServerCertificate } from './tls.js';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

export interface ProxyOptions {
  listenHost: string;
  listenPort: number;
  target: { host: string; port: number };
  /** The server-side database for the one a client asked for. */
  database: (requested: string) => string;
  /** The instance's server certificate: SSL requests are accepted with it. */
  certificate: ServerCertificate;
  /** Whether the instance accepts only encrypted connections now (its sslMode can change). */
  requiresTls: () => boolean;
  /** Told of every connection that reached its startup message, and whether it was encrypted. */
  onConnection?: (encrypted: boolean) => void;
}

/**
 * A PostgreSQL wire-protocol forwarder that gives one emulated Cloud SQL instance its own address. It speaks
 * TLS with the instance's certificate when asked (and refuses plain connections when the instance requires
 * encryption), rewrites the database named in the startup message to the instance's own, then copies bytes both
 * ways to the real server. Everything after the startup message, authentication included, is the server's.
 */
export async function startPostgresProxy(options: ProxyOptions): Promise<Server> {
  const server = createServer((client) => {
    client.on('error', () => client.destroy());
    readStartup(client, false, options);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort, options.listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function readStartup(client: Socket, encrypted: boolean, options: ProxyOptions): void {
  let pending = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    if (pending.length < 8) return;
    const length = pending.readInt32BE(0);
    if (pending.length < length) return;
    client.off('data', onData);
    const code = pending.readInt32BE(4);
    const message = pending.subarray(0, length);
    const rest = pending.subarray(length);
    if (code === SSL_REQUEST && !encrypted) {
      client.write('S');
      const secure = new TLSSocket(client, {
        isServer: true,
        cert: options.certificate.cert,
        key: options.certificate.key,
      });
      secure.on('error', () => client.destroy());
      return readStartup(secure, true, options);
    }
    if (code === GSS_REQUEST) {
      client.write('N');
      return readStartup(client, encrypted, options);
    }
    if (code !== CANCEL_REQUEST) {
      options.onConnection?.(encrypted);
      if (!encrypted && options.requiresTls())
        return refuse(
          client,
          'connection requires SSL/TLS: the instance only accepts encrypted connections (sslMode ENCRYPTED_ONLY)',
        );
    }
    forward(client, code === CANCEL_REQUEST ? message : rewriteStartup(message, options.database), rest, options);
  };
  client.on('data', onData);
}

function forward(client: Socket, first: Buffer, rest: Buffer, options: ProxyOptions): void {
  const upstream = connect(options.target.port, options.target.host, () => {
    upstream.write(first);
    if (rest.length > 0) upstream.write(rest);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  upstream.on('error', () => client.destroy());
  client.on('close', () => upstream.destroy());
}

/** A FATAL ErrorResponse, as PostgreSQL sends when pg_hba refuses a connection, then the end. */
function refuse(client: Socket, message: string): void {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C28000\0M${message}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(4 + fields.length, 1);
  client.end(Buffer.concat([header, fields]));
}

/** The startup message with its database parameter (which defaults to the user's name) replaced. */
function rewriteStartup(message: Buffer, database: (requested: string) => string): Buffer {
  const params = new Map<string, string>();
  let offset = 8;
  while (offset < message.length && message[offset] !== 0) {
    const keyEnd = message.indexOf(0, offset);
    const valueEnd = message.indexOf(0, keyEnd + 1);
    params.set(message.toString('utf8', offset, keyEnd), message.toString('utf8', keyEnd + 1, valueEnd));
    offset = valueEnd + 1;
  }
  params.set('database', database(params.get('database') ?? params.get('user') ?? ''));
  const body = Buffer.concat([...[...params].map(([k, v]) => Buffer.from(`${k}\0${v}\0`, 'utf8')), Buffer.from([0])]);
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(message.readInt32BE(4), 4);
  return Buffer.concat([header, body]);
}
