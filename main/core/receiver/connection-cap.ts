// Keeps the receiver's open connections under a cap. Thousands of clients trickling a byte now and
// then had exhausted the process's file descriptors, and every real delivery failed while they were
// held. node's own `server.maxConnections` refuses the newcomer, which hands the slots to whoever
// holds them longest: the trickling attacker. Here a newcomer past the cap takes the slot of the
// connection that has been sending (or idling) the longest; only when every connection is waiting
// for its answer (an endpoint set to delay or hang) is the newcomer closed instead.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionCap {
  /** The socket's request is with the handler: it is not a candidate to close. */
  answering(socket: Socket): void;
  /** Its answer is written (or given up): it waits for the client again, youngest of all. */
  waiting(socket: Socket): void;
  readonly open: number;
  /** Connections closed to stay under the cap: the longest-waiting one, or the newcomer. */
  readonly closed: number;
}

/** `max` 0: no cap, connections are only counted. */
export function capConnections(server: Server, max: number): ConnectionCap {
  // Insertion order is the order in which connections began waiting for their client: the first one
  // that is not answering is the one that has been sending or idling the longest.
  const sockets = new Map<Socket, { answering: number }>();
  let closed = 0;
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { answering: 0 });
    socket.once('close', () => sockets.delete(socket));
    if (max === 0 || sockets.size <= max) return;
    let victim: Socket = socket;
    for (const [s, state] of sockets) {
      if (state.answering === 0 && !s.destroyed) {
        victim = s;
        break;
      }
    }
    closed++;
    sockets.delete(victim);
    victim.destroy();
  });
  return {
    answering(socket) {
      const state = sockets.get(socket);
      if (state) state.answering++;
    },
    waiting(socket) {
      const state = sockets.get(socket);
      if (!state) return;
      state.answering = Math.max(0, state.answering - 1);
      if (state.answering > 0) return;
      sockets.delete(socket);
      sockets.set(socket, state);
    },
    get open() {
      return sockets.size;
    },
    get closed() {
      return closed;
    },
  };
}
