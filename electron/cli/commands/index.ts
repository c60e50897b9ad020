import type { Command } from '../command';
import { auditCommands } from './audit';
import { credentialsCommands } from './credentials';
import { dbCommands } from './db';
import { fakePlatformCommand } from './fake-platform';
import { reportCommand } from './report';
import { serveCommand } from './serve';
import { simulateCommand } from './simulate';

/** Every `acm` sub-command, in the order `acm --help` lists them. */
export const commands: Command[] = [simulateCommand, serveCommand, ...auditCommands, reportCommand, ...dbCommands, ...credentialsCommands, fakePlatformCommand];
