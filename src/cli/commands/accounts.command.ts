import { Option, type Command } from 'commander';
import { ROLES, type Role } from '../../../contract/accounts.events';
import { Accounts, SYSTEM_PRINCIPAL } from '../../accounts/accounts.service';
import { withLedger } from '../ledger-context';

/**
 * Principals and tokens from the command line. Whoever can run the CLI on the server's store is
 * trusted as the system itself (they could read the file anyway); the events record `system`.
 */
export function registerAccounts(program: Command): void {
  const principal = program.command('principal').description('Manage principals (people and programs that write to the ledger)');
  principal
    .command('add')
    .description('Add a principal with a role')
    .argument('<name>', 'a unique name')
    .addOption(new Option('--role <role>', 'what the principal may do').choices([...ROLES]).makeOptionMandatory())
    .action(async (name: string, options: { role: Role }) => {
      await withLedger(async (app) => {
        const added = await app.get(Accounts).addPrincipal(name, options.role, SYSTEM_PRINCIPAL);
        console.log(`added ${added.name} (${added.role}), id ${added.id}`);
      }, { create: true });
    });
  principal
    .command('list')
    .description('List the principals and their roles')
    .action(async () => {
      await withLedger(async (app) => {
        for (const p of await app.get(Accounts).principals()) console.log(`${p.id}  ${p.role.padEnd(11)}  ${p.name}`);
      });
    });

  const token = program.command('token').description('Manage bearer tokens');
  token
    .command('create')
    .description('Create a bearer token for a principal and print it (the only time it is shown)')
    .argument('<name>', 'the principal (name or id)')
    .action(async (name: string) => {
      await withLedger(async (app) => {
        const created = await app.get(Accounts).createToken(name, SYSTEM_PRINCIPAL);
        console.error(`token ${created.tokenId} for ${created.principal.name} (${created.principal.role}); it is shown this once:`);
        console.log(created.token);
      }, { create: true });
    });
  token
    .command('list')
    .description("List a principal's tokens: ids and times, never the tokens")
    .argument('<name>', 'the principal (name or id)')
    .action(async (name: string) => {
      await withLedger(async (app) => {
        for (const t of await app.get(Accounts).tokens(name)) console.log(`${t.id}  created ${t.createdAt}  ${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}`);
      });
    });
  token
    .command('revoke')
    .description('Revoke a token; it stops working at once')
    .argument('<id>', 'the token id (from token list)')
    .action(async (id: string) => {
      await withLedger(async (app) => {
        await app.get(Accounts).revokeToken(id, SYSTEM_PRINCIPAL);
        console.log(`revoked ${id}`);
      });
    });
}
