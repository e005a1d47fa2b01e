import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder in front of a real server that a test can take down and bring back, to play
 * an upstream outage without stopping the server itself; or, with `hang`, a peer that accepts
 * connections and never answers.
 */
export class Forwarder {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number } | 'hang') {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      this.track(client);
      if (this.target === 'hang') return;
      const upstream = connect(this.target.port, this.target.host);
      this.track(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close);
      upstream.on('error', close);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Closes the port and every open connection: clients now get ECONNREFUSED. */
  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
