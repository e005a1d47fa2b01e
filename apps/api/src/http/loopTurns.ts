import type { RequestHandler } from 'express';

export interface LoopTurnsOptions {
  /** Requests started in one turn of the event loop; the others wait for the next turns. */
  perTurn: number;
  /** Paths answered in the turn they arrive in, ahead of every waiting request: the probes. */
  exempt: readonly string[];
}

/**
 * Keeps each turn of the event loop short under load. Node accepts one new connection per turn
 * (libuv 1.45 and later), and a turn otherwise runs every request that arrived since the last:
 * with 500 busy keep-alive connections a turn took 100 ms and more, so a fresh connection (a
 * liveness probe) waited seconds behind the queue of connections not yet accepted, then a few
 * such turns more. Here at most `perTurn` requests start per turn, first come first served, the
 * rest in later turns (setImmediate, after the loop has accepted and read again): the same work
 * in short turns, so new connections are accepted within milliseconds and probes answered at once.
 */
export function loopTurns({ perTurn, exempt }: LoopTurnsOptions): RequestHandler {
  const waiting: (() => void)[] = [];
  let scheduled = false;

  const turn = () => {
    const now = waiting.splice(0, perTurn);
    scheduled = waiting.length > 0;
    if (scheduled) setImmediate(turn);
    for (const start of now) start();
  };

  return (req, _res, next) => {
    if (exempt.includes(req.path)) {
      next();
      return;
    }
    // A client gone while its request waited gets no work done for it.
    waiting.push(() => {
      if (!req.socket.destroyed) next();
    });
    if (!scheduled) {
      scheduled = true;
      setImmediate(turn);
    }
  };
}
