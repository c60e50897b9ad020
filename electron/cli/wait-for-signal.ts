/** Resolves on Ctrl+C or SIGTERM: when a long-running command (a host, a fake platform) should stop cleanly. */
export const waitForSignal = (): Promise<void> =>
  new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
