import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/ledger-config';
import { StartError } from '../config/start-checks';
import { DomainRuleError, NotFoundError } from '../ledger/domain-error';
import { UsageError } from './ledger-context';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs (or for the whole help): a read command
 * then loads neither Nest nor the application's modules, which the commands that write need and
 * which take most of a second to load.
 */
const COMMANDS: Record<string, () => Register> = {
  import: () => withNest(() => require('./commands/import.command').registerImport),
  questions: () => require('./commands/questions.command').registerQuestions,
  consensus: () => require('./commands/consensus.command').registerConsensus,
  replay: () => require('./commands/replay.command').registerReplay,
  export: () => require('./commands/export.command').registerExport,
  verify: () => withNest(() => require('./commands/verify.command').registerVerify),
  checkpoint: () => withNest(() => require('./commands/checkpoint.command').registerCheckpoint),
  'public-key': () => withNest(() => require('./commands/checkpoint.command').registerCheckpoint),
  rebuild: () => withNest(() => require('./commands/rebuild.command').registerRebuild),
  principal: () => withNest(() => require('./commands/accounts.command').registerAccounts),
  token: () => withNest(() => require('./commands/accounts.command').registerAccounts),
};

/**
 * A command module that loads the application's Nest classes: reflect-metadata first, which must be
 * there when a decorated class is defined (or its constructor's types are lost to Nest's injector).
 * The read commands load no decorated class (withLedger loads it for them where they need Nest).
 */
function withNest(load: () => Register): Register {
  require('reflect-metadata');
  return load();
}

/** `claims`: the ledger from the command line. Exit 0 success, 1 failure, 2 usage error. */
export function buildProgram(argv: readonly string[] = []): Command {
  const program = new Command('claims')
    .description('claims-ledger from the command line, on the store configured for the server (LEDGER_STORE, LEDGER_DATA_DIR, …)')
    .exitOverride()
    .showHelpAfterError();
  // The command asked for (the first argument that is no option), or every command for help and errors.
  const named = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const registers = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!()] : [...new Set(Object.values(COMMANDS).map((load) => load()))];
  for (const register of registers) register(program);
  const overrideExits = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(overrideExits);
  };
  overrideExits(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram(argv).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      console.error(`claims: ${error.message}`);
      return 2;
    }
    if (error instanceof DomainRuleError || error instanceof NotFoundError) {
      console.error(`claims: ${error.message}`);
      return 1;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof StartError) {
      console.error(`claims: ${error.message}`);
      return 1;
    }
    console.error(`claims: ${(error as Error).message}`);
    return 1;
  }
}

/**
 * Runs the CLI and exits with its code: what `bin/claims.js` calls. It exits only once standard
 * output and standard error are written out: on a pipe, a write the reader has not taken yet is
 * still queued in the process, and exiting at once would cut an export at the pipe's 64 KiB.
 */
export function runCli(argv: string[] = process.argv): void {
  // The reader went away (`claims export … | head`): what is left has nowhere to go; not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  void main(argv)
    .then(async (code) => {
      await Promise.all([writtenOut(process.stdout), writtenOut(process.stderr)]);
      return code;
    })
    .then((code) => process.exit(code));
}

/** Resolves once everything written to the stream so far has been handed to the system (or cannot be). */
function writtenOut(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.write('', () => resolve());
    stream.once('error', () => resolve());
    stream.once('close', () => resolve());
  });
}

if (require.main === module) runCli();
