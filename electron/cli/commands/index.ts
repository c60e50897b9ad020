import type { Command } from '../command';
import { auditCommands } from './audit';
import { serveCommand } from './serve';
import { simulateCommand } from './simulate';

/** Every `acm` sub-command, in the order `acm --help` lists them. */
export const commands: Command[] = [simulateCommand, serveCommand, ...auditCommands];
