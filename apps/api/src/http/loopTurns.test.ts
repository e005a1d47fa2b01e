import http from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { loopTurns } from './loopTurns.ts';

const servers: http.Server[] = [];
const sockets: Socket[] = [];
let ticker: NodeJS.Immediate | undefined;
afterEach(() => {
  clearImmediate(ticker);
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** The number of the event loop's current turn, counted by an immediate renewed every turn. */
function countTurns(): () => number {
  let turn = 0;
  const tick = () => {
    turn++;
    ticker = setImmediate(tick);
  };
  tick();
  return () => turn;
}

/** Each request's path and the turn its handler ran in, in the order they ran. */
async function serve(perTurn: number) {
  const turn = countTurns();
  const started: { path: string; turn: number }[] = [];
  const app = express()
    .use((req, _res, next) => {
      next();
      // Its client leaves once the request waits for its turn.
      if (req.path === '/gone') req.socket.destroy();
    })
    .use(loopTurns({ perTurn, exempt: ['/healthz'] }))
    .use((req, res) => {
      started.push({ path: req.path, turn: turn() });
      res.end('ok');
    });
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, started };
}

async function connections(port: number, count: number): Promise<Socket[]> {
  const opened = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = new Socket();
          sockets.push(socket);
          socket.on('error', () => {});
          socket.connect(port, '127.0.0.1', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
  // Until the server has accepted them all: one per turn.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return opened;
}

const answered = (socket: Socket) =>
  new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));

/**
 * Sends one request on each socket, then holds the event loop, so that the server reads them all
 * in one turn, as it does under load.
 */
async function sendAtOnce(requests: [Socket, string][]): Promise<string[]> {
  const answers = requests.map(([socket]) => answered(socket));
  for (const [socket, path] of requests) socket.write(`GET ${path} HTTP/1.1\r\nHost: a\r\n\r\n`);
  const until = performance.now() + 30;
  while (performance.now() < until);
  return Promise.all(answers);
}

describe('loopTurns', () => {
  it('starts at most perTurn of the requests read in one turn, the others in later turns in order', async () => {
    const { port, started } = await serve(3);
    const sockets = await connections(port, 20);

    const answers = await sendAtOnce(sockets.map((socket, i) => [socket, `/r${i}`]));

    expect(answers.every((answer) => answer.startsWith('HTTP/1.1 200'))).toBe(true);
    const perTurn = new Map<number, number>();
    for (const { turn } of started) perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
    expect(perTurn.size).toBeGreaterThanOrEqual(7);
    expect(Math.max(...perTurn.values())).toBe(3);
    expect(started.map((request) => request.path).sort()).toEqual(sockets.map((_, i) => `/r${i}`).sort());
  });

  it('answers an exempt path in the turn it arrives in, ahead of the waiting requests', async () => {
    const { port, started } = await serve(3);
    const sockets = await connections(port, 13);

    await sendAtOnce(sockets.map((socket, i) => [socket, i === 12 ? '/healthz' : `/r${i}`]));

    expect(started[0]!.path).toBe('/healthz');
    expect(started.at(-1)!.turn - started[0]!.turn).toBeGreaterThanOrEqual(4);
  });

  it('does no work for a request whose client left while it waited', async () => {
    const { port, started } = await serve(1);
    const [first, gone, last] = await connections(port, 3);
    const closed = new Promise((resolve) => gone!.once('close', resolve));
    gone!.write('GET /gone HTTP/1.1\r\nHost: a\r\n\r\n');
    await closed;

    await sendAtOnce([
      [first!, '/first'],
      [last!, '/last'],
    ]);

    expect(started.map((request) => request.path)).toEqual(['/first', '/last']);
  });
});
