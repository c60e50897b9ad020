import { errorFields, type Logger } from '../host/logging/logger';

/**
 * A rejected promise nobody awaited is logged and the app goes on; an uncaught exception leaves
 * main in a state no one can vouch for, so it is logged with its stack and `stop` ends the app
 * (the agents' write-ahead log makes stopping at any point safe).
 */
export function watchUncaughtErrors(process: Pick<NodeJS.Process, 'on'>, logger: Logger, stop: (error: unknown) => void): void {
  process.on('unhandledRejection', (reason) => logger.error('a promise failed with nobody waiting for it', errorFields(reason)));
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception in the main process; the app stops', errorFields(error));
    stop(error);
  });
}
