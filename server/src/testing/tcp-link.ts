import net from 'node:net';

/**
 * A TCP hop between the application and its database, for tests of outages: `cut()` drops every open
 * connection and stops listening (new connections are refused, as when the database is down or the
 * network is gone); `restore()` listens again on the same port. The database behind it keeps running.
 */
export class TcpLink {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private hangingUp = false;
  /** Connections hung up on since `hangUp()`: each one a failed attempt to reach the database. */
  hungUp = 0;

  private constructor(
    private readonly target: { host: string; port: number },
    private port: number,
  ) {}

  static async open(target: { host: string; port: number }): Promise<TcpLink> {
    const link = new TcpLink(target, 0);
    await link.restore();
    return link;
  }

  /** The same URL with host and port of this link. */
  rewrite(url: string): string {
    const rewritten = new URL(url);
    rewritten.hostname = '127.0.0.1';
    rewritten.port = String(this.port);
    return rewritten.toString();
  }

  async restore(): Promise<void> {
    this.hangingUp = false;
    if (this.server) return;
    const server = net.createServer((incoming) => {
      if (this.hangingUp) {
        this.hungUp += 1;
        incoming.destroy();
        return;
      }
      const outgoing = net.connect(this.target.port, this.target.host);
      for (const socket of [incoming, outgoing]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          incoming.destroy();
          outgoing.destroy();
        });
      }
      incoming.pipe(outgoing).pipe(incoming);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: this.port }, () => resolve());
    });
    const address = server.address();
    if (typeof address === 'object' && address) this.port = address.port;
    this.server = server;
  }

  /**
   * Like `cut()`, but keeps accepting connections and hangs up on each at once (as a database that is
   * shutting down does), counting them, so a test can wait until something tried and failed.
   */
  hangUp(): void {
    this.hangingUp = true;
    this.hungUp = 0;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
