// `callback-inspector … | head`: a reader that leaves early. Node ignores SIGPIPE and reports EPIPE as
// a stream error instead; unhandled, that is a stack trace and exit 1. Handled once here, by what the
// running command is doing:
// - a listing (export, generate, …): its output is all it does, and the reader chose to stop: it ends
//   quietly, with exit 0 (or the code it had already decided, e.g. 1 for a missing id);
// - work (send, send-bulk, replay-chain): ending there abandons attempts still to come, so the exit
//   code says so, 141 as for a process killed by SIGPIPE (`set -o pipefail` scripts see a failure);
// - serve: its output is a log; the receiver keeps running whatever happens to it, and the graceful
//   stop stays Ctrl-C's.
type WhenReaderLeaves = 'end' | 'abandon' | 'keep-running';
let mode: WhenReaderLeaves = 'end';

/** Exit status of a process killed by SIGPIPE (128 + 13). */
const SIGPIPE_STATUS = 141;

export function endQuietlyWhenReaderLeaves(): void {
  const onError = (error: NodeJS.ErrnoException, stream: 'stdout' | 'stderr') => {
    // A log that cannot be written (a closed pipe, a full disk) never stops the receiver.
    if (mode === 'keep-running') return;
    if (error.code !== 'EPIPE') {
      // Nothing can be said on a stream that failed; stdout's failure is said on stderr.
      if (stream === 'stdout') process.stderr.write(`error: cannot write to standard output: ${error.message}\n`);
      process.exit(1);
    }
    process.exit(process.exitCode ?? (mode === 'abandon' ? SIGPIPE_STATUS : 0));
  };
  process.stdout.on('error', (error: NodeJS.ErrnoException) => onError(error, 'stdout'));
  process.stderr.on('error', (error: NodeJS.ErrnoException) => onError(error, 'stderr'));
}

/** For commands whose leaving reader abandons work (attempts still to come). */
export function readerLeavingAbandonsWork(): void {
  mode = 'abandon';
}

/** The work is done (only its summary is left to write): a reader leaving now abandons nothing. */
export function workFinished(): void {
  if (mode === 'abandon') mode = 'end';
}

/** For serve: its output is a log, and a reader that leaves does not stop the receiver. */
export function keepRunningWhenReaderLeaves(): void {
  mode = 'keep-running';
}
