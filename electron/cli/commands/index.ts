import type { Command } from '../command';

/** Every `acm` sub-command, in the order `acm --help` lists them. */
export const commands: Command[] = [];
