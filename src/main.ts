import { Command, Option } from 'commander';
import { type CliOptions, ConfigError, loadConfig } from './config.js';
import { VERSION } from './version.js';

const program = new Command('crm')
  .description('东江集团 销售督导与销售预测 — server and administration')
  .version(VERSION);

const common = (command: Command) =>
  command
    .option('--data-dir <dir>', 'embedded database folder (when DATABASE_URL is not set)', undefined)
    .option('--demo', 'load the demo company into an empty database (also on PostgreSQL)')
    .option('--no-demo', 'start an empty database with only the user admin');

common(
  program
    .command('serve', { isDefault: true })
    .description('migrate, fill an empty database, and serve the web app and the API')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: HOST or 0.0.0.0)')
    .addOption(new Option('--fake-clock [instant]', 'test clock: enables POST /api/v1/admin/clock and jobs/run-due')),
).action(async (options: CliOptions) => {
  const { startServer } = await import('./server.js');
  const started = await startServer(loadConfig(options));
  const lines = [`东江集团 销售督导与预测 is running at ${started.url}`, ...started.notes];
  if (started.clock.fake) lines.push(`Fake clock at ${started.clock.now().toISOString()} (never use in production)`);
  console.log(`\n${lines.join('\n')}\n`);
  const shutdown = async () => {
    await started.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
});

common(program.command('migrate').description('apply pending database migrations and exit')).action(
  async (options: CliOptions) => {
    const { openAndMigrate } = await import('./server.js');
    const database = await openAndMigrate(loadConfig(options));
    console.log(`Migrated the ${database.kind} database.`);
    await database.close();
  },
);

common(program.command('seed').description('fill an empty database (demo or admin only) and exit')).action(
  async (options: CliOptions) => {
    const { openAndMigrate, seedIfEmpty } = await import('./server.js');
    const config = loadConfig(options);
    const database = await openAndMigrate(config);
    const notes = await seedIfEmpty(database, config, new Date());
    console.log(notes.length ? notes.join('\n') : 'The database is not empty; nothing was added.');
    await database.close();
  },
);

program
  .command('prepare-demo')
  .description('replay the demo company once into node_modules/.cache/crm-demo, for a first start in seconds')
  .action(async () => {
    const { prepareDemoCommand } = await import('./demo/prepare-command.js');
    await prepareDemoCommand(loadConfig({}));
  });

common(
  program
    .command('import <kind> <file>')
    .description(
      'import a CSV or XLSX file (first worksheet, header in row 1) as write-back rows: shipments, shipment-plans, orders, expenses, receivables, targets or customers',
    )
    .option('--dry-run', 'check the file and show what would change, without writing'),
).action(async (kind: string, file: string, options: CliOptions & { dryRun?: boolean }) => {
  const { importCommand } = await import('./exchange/cli.js');
  await importCommand(loadConfig(options), kind, file, options.dryRun === true);
});

const users = program.command('users').description('manage users from the command line');
common(users.command('list').description('list users')).action(async (options: CliOptions) => {
  const { listUsersCommand } = await import('./org/cli.js');
  await listUsersCommand(loadConfig(options));
});
common(
  users
    .command('reset-password <username>')
    .description('set a new password (printed once, to be changed at next sign-in) and end the sessions'),
).action(async (username: string, options: CliOptions) => {
  const { resetPasswordCommand } = await import('./org/cli.js');
  await resetPasswordCommand(loadConfig(options), username);
});

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  // The data folder's lock (db/data-dir-lock.ts): a plain sentence, not a stack, tells what to do.
  else if (error instanceof Error && error.name === 'DataDirBusy') console.error(error.message);
  else console.error(error);
  process.exit(1);
});
