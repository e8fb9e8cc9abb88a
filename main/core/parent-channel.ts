// How a child process of the core (child-process.ts) talks to the app that started it: through
// Electron's process.parentPort in the desktop app's utility process, through Node's IPC otherwise.
// It also says when the app is gone, so that the child does not outlive it.

export interface ParentChannel<In, Out> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  /** The app left: Node's IPC channel closed (Electron ends its utility processes itself). */
  onGone(listener: () => void): void;
}

type ParentPort = { on(event: 'message', l: (e: { data: unknown }) => void): void; postMessage(m: unknown): void };

export function parentChannel<In, Out>(): ParentChannel<In, Out> {
  // A Ctrl-C on serve's terminal reaches its whole process group, every child too: the app stops its
  // children itself, in order, once its last commit is done. Killed by the Ctrl-C instead, a deriver or
  // body reader dies mid-batch and the app, still shutting down, reports it (and replaces it).
  process.on('SIGINT', () => undefined);
  const port = (process as { parentPort?: ParentPort }).parentPort;
  return {
    post: (message) => (port ? port.postMessage(message) : process.send!(message)),
    onMessage: (listener) =>
      void (port ? port.on('message', (e) => listener(e.data as In)) : process.on('message', (m) => listener(m as In))),
    onGone: (listener) => void process.on('disconnect', listener),
  };
}
