/**
 * `npm run admin -- create <email>`: makes a platform administrator on the BIRGA_DB database, or
 * promotes an existing account. A new account's password comes from BIRGA_ADMIN_PASSWORD, from the
 * terminal without echo, or from stdin when that is not a terminal; it is never printed.
 * `npm run admin -- revoke <email>` takes the rights away again, except from the last
 * administrator.
 */
import path from 'node:path';
import { emailField, newPasswordField } from '../../shared/api/accounts';
import { openDatabase, type BirgaDatabase } from '../storage/database';
import { readSecret } from './secret-input';
import { createUser, demoteAdmin, findUserByEmail, promoteToAdmin } from './users';

const usage = 'Usage: npm run admin -- create <email> | revoke <email>';

async function createAdministrator(
  db: BirgaDatabase,
  email: string,
  databasePath: string,
): Promise<number> {
  const existing = findUserByEmail(db, email);
  if (existing) {
    if (existing.isAdmin) {
      console.log(`${email} is already a platform administrator; nothing changed.`);
      return 0;
    }
    promoteToAdmin(db, existing.id);
    console.log(`${email} is now a platform administrator (existing account, password unchanged).`);
    return 0;
  }

  const password =
    process.env.BIRGA_ADMIN_PASSWORD ?? (await readSecret(`Password for ${email}: `));
  const valid = newPasswordField.safeParse(password);
  if (!valid.success) {
    console.error('The password needs at least 8 characters, not only spaces (and at most 256).');
    return 2;
  }
  const displayName = email.split('@')[0]!;
  await createUser(db, { email, password: valid.data, displayName, isAdmin: true });
  console.log(`Created the platform administrator ${email} in ${databasePath}.`);
  return 0;
}

function revokeAdministrator(db: BirgaDatabase, email: string): number {
  const user = findUserByEmail(db, email);
  if (!user) {
    console.error(`There is no account with the address ${email}.`);
    return 1;
  }

  const outcome = demoteAdmin(db, user.id);
  if (outcome === 'not_admin') {
    console.log(`${email} is not a platform administrator; nothing changed.`);
    return 0;
  }
  if (outcome === 'last_admin') {
    console.error(
      `${email} is the last platform administrator; create another one first ` +
        '(npm run admin -- create <email>), then revoke this one.',
    );
    return 1;
  }
  // Sessions read the administrator flag on every request, so the rights end at once.
  console.log(`${email} is no longer a platform administrator (the account itself stays).`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, emailArgument, ...rest] = argv;
  if ((command !== 'create' && command !== 'revoke') || !emailArgument || rest.length > 0) {
    console.error(usage);
    return 2;
  }
  const email = emailField.safeParse(emailArgument);
  if (!email.success) {
    console.error(`"${emailArgument}" is not an email address.`);
    return 2;
  }

  const databasePath = path.resolve(process.env.BIRGA_DB ?? './data/birga.sqlite');
  const db = openDatabase(databasePath);
  try {
    if (command === 'create') return await createAdministrator(db, email.data, databasePath);
    return revokeAdministrator(db, email.data);
  } finally {
    db.$client.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
