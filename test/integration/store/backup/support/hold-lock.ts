import { acquireDatabaseLock } from '@store/backup/database-lock';

/**
 * Another process holding a database's lock, as a running host does. Usage: hold-lock FILE [exit]
 * Prints "held"; with "exit" it then ends normally, else it waits to be killed.
 */
const [database, then] = process.argv.slice(2);
acquireDatabaseLock(database);
process.stdout.write('held\n');
if (then === 'exit') process.exit(0);
setInterval(() => undefined, 60_000);
