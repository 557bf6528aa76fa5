/**
 * `breachbot search health | head -2`: once `head` has what it wants it closes the pipe, and the
 * next write fails with EPIPE. That is the reader saying "enough", not an error: end quietly,
 * with success, instead of printing a stack trace.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') exit(0);
    else throw err;
  });
}
