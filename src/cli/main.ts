import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/ledger-config';
import { DomainRuleError, NotFoundError } from '../ledger/domain-error';
import { registerAccounts } from './commands/accounts.command';
import { registerConsensus } from './commands/consensus.command';
import { registerExport } from './commands/export.command';
import { registerImport } from './commands/import.command';
import { registerReplay } from './commands/replay.command';
import { registerRebuild } from './commands/rebuild.command';
import { registerVerify } from './commands/verify.command';
import { UsageError } from './ledger-context';

/** `claims`: the ledger from the command line. Exit 0 success, 1 failure, 2 usage error. */
export function buildProgram(): Command {
  const program = new Command('claims')
    .description('claims-ledger from the command line, on the store configured for the server (LEDGER_STORE, LEDGER_DATA_DIR, …)')
    .exitOverride()
    .showHelpAfterError();
  registerImport(program);
  registerConsensus(program);
  registerReplay(program);
  registerExport(program);
  registerVerify(program);
  registerRebuild(program);
  registerAccounts(program);
  const overrideExits = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(overrideExits);
  };
  overrideExits(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
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
    console.error(`claims: ${(error as Error).message}`);
    return 1;
  }
}

/** Runs the CLI and exits with its code: what `bin/claims.js` calls. */
export function runCli(argv: string[] = process.argv): void {
  void main(argv).then((code) => process.exit(code));
}

if (require.main === module) runCli();
