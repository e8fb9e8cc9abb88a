// `callback-inspector … | head`: a reader that leaves early ends the command, quietly, as it ends
// `yes | head`. Node ignores SIGPIPE and reports EPIPE as a stream error instead; unhandled, that is a
// stack trace and exit 1. Handled once here for every command that writes to standard output.
export function endQuietlyWhenReaderLeaves(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // What was decided before the reader left (exit 1 for a missing id, say) still stands.
    if (error.code === 'EPIPE') process.exit();
    process.stderr.write(`error: cannot write to standard output: ${error.message}\n`);
    process.exit(1);
  });
  // `2>&1 | head`: nothing can be said any more, so nothing is tried.
  process.stderr.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? undefined : 1));
}
