import { createServer, connect, type Server, type Socket } from 'node:net';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

export interface ProxyOptions {
  listenHost: string;
  listenPort: number;
  target: { host: string; port: number };
  /** The server-side database for the one a client asked for. */
  database: (requested: string) => string;
}

/**
 * A PostgreSQL wire-protocol forwarder that gives one emulated Cloud SQL instance its own address: it answers
 * "no" to SSL and GSS requests, rewrites the database named in the startup message to the instance's own, then
 * copies bytes both ways. Everything after the startup message (authentication included) is the server's.
 */
export async function startPostgresProxy(options: ProxyOptions): Promise<Server> {
  const server = createServer((client) => greet(client, options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort, options.listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function greet(client: Socket, options: ProxyOptions): void {
  let pending = Buffer.alloc(0);
  client.on('error', () => client.destroy());
  const onData = (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 8) {
      const length = pending.readInt32BE(0);
      if (pending.length < length) return;
      const code = pending.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSS_REQUEST) {
        client.write('N');
        pending = pending.subarray(length);
        continue;
      }
      client.off('data', onData);
      const first = code === CANCEL_REQUEST ? pending.subarray(0, length) : rewriteStartup(pending.subarray(0, length), options.database);
      const rest = pending.subarray(length);
      const upstream = connect(options.target.port, options.target.host, () => {
        upstream.write(first);
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      return;
    }
  };
  client.on('data', onData);
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
  const body = Buffer.concat([...[...params].flatMap(([k, v]) => [Buffer.from(`${k}\0${v}\0`, 'utf8')]), Buffer.from([0])]);
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(message.readInt32BE(4), 4);
  return Buffer.concat([header, body]);
}
