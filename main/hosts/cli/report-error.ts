// Where a command's core reports what goes wrong beside the command's own work (attempts that could
// not be stored, a listener that threw): one `error:` line on stderr, not a stack trace.
export function reportError(error: unknown): void {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
}
