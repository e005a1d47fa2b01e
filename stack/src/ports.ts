import { createServer } from 'node:net';
import { portEnv, type StackPorts } from './config.ts';
import { SetupError } from './packages.ts';

export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Fails before anything starts when one of the stack's ports is taken. */
export async function assertPortsFree(host: string, ports: Partial<StackPorts>): Promise<void> {
  const taken: string[] = [];
  for (const [key, port] of Object.entries(ports)) {
    if (!(await portIsFree(host, port))) {
      taken.push(
        `port ${port} (${key}) on ${host} is already in use; choose another with ${portEnv[key as keyof StackPorts]}=…`,
      );
    }
  }
  if (taken.length > 0) throw new SetupError(taken.join('\n'));
}

/** Ports the operating system hands out as free at this moment, for tests. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(server)),
      );
    }),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
