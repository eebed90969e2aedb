/**
 * Preloaded into every process the cluster starts. The supervisor holds the write end of
 * this process's stdin; when it closes, the supervisor is gone (even by SIGKILL), and the
 * process shuts down the way it does on SIGTERM instead of living on as an orphan.
 */
if (!process.stdin.isTTY) {
  process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.resume();
  // stdin must not keep an otherwise finished process alive
  (process.stdin as unknown as { unref?: () => void }).unref?.();
}
