// Ends a command-line run only once what it printed has left the process. process.exit() alone
// drops whatever a pipe has not taken yet: `inventory --json | jq` got the first 64 KB and stopped.
// (It exits rather than returning because an SSH connection or a timer may still hold the loop.)
export function exitAfterOutput(code: number): void {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  // An empty write's callback runs once everything written before it is flushed.
  process.stdout.write('', done);
  process.stderr.write('', done);
}
