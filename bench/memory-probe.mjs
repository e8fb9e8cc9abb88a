// Loaded into `serve` by bench/serve-memory.ts (node --import): on SIGUSR2, writes one line with
// process.memoryUsage() to stderr, so that the bench can tell V8's heap from buffers and native memory.
process.on('SIGUSR2', () => {
  process.stderr.write(`memory-probe: ${JSON.stringify(process.memoryUsage())}\n`);
});
