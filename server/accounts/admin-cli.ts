/**
 * `npm run admin -- create <email>`: makes a platform administrator on the BIRGA_DB database, or
 * promotes an existing account. A new account's password comes from BIRGA_ADMIN_PASSWORD, from the
 * terminal without echo, or from stdin when that is not a terminal; it is never printed.
 */
import path from 'node:path';
import { emailField, newPasswordField } from '../../shared/api/accounts';
import { openDatabase } from '../storage/database';
import { readSecret } from './secret-input';
import { createUser, findUserByEmail, promoteToAdmin } from './users';

const usage = 'Usage: npm run admin -- create <email>';

async function createAdministrator(emailArgument: string): Promise<number> {
  const email = emailField.safeParse(emailArgument);
  if (!email.success) {
    console.error(`"${emailArgument}" is not an email address.`);
    return 2;
  }
  const databasePath = path.resolve(process.env.BIRGA_DB ?? './data/birga.sqlite');
  const db = openDatabase(databasePath);
  try {
    const existing = findUserByEmail(db, email.data);
    if (existing) {
      if (existing.isAdmin) {
        console.log(`${email.data} is already a platform administrator; nothing changed.`);
        return 0;
      }
      promoteToAdmin(db, existing.id);
      console.log(
        `${email.data} is now a platform administrator (existing account, password unchanged).`,
      );
      return 0;
    }

    const password =
      process.env.BIRGA_ADMIN_PASSWORD ?? (await readSecret(`Password for ${email.data}: `));
    const valid = newPasswordField.safeParse(password);
    if (!valid.success) {
      console.error('The password needs at least 8 characters (and at most 256).');
      return 2;
    }
    const displayName = email.data.split('@')[0]!;
    await createUser(db, { email: email.data, password: valid.data, displayName, isAdmin: true });
    console.log(`Created the platform administrator ${email.data} in ${databasePath}.`);
    return 0;
  } finally {
    db.$client.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, email, ...rest] = argv;
  if (command !== 'create' || !email || rest.length > 0) {
    console.error(usage);
    return 2;
  }
  return createAdministrator(email);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
