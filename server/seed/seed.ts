/**
 * The demo seed: Uzbekistan's territories, Navbahor mahalla's 2027 draft strategy loaded into the
 * live document, and the demo accounts. Only an empty database is ever seeded, so a restart or a
 * wrong BIRGA_SEED can never overwrite what people wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import type { Role } from '../../shared/roles';
import { encodeStrategyDocument, type StrategyJson } from '../../shared/strategy/document';
import { hashPassword } from '../accounts/passwords';
import type { SeedMode } from '../config';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { documentUpdates, memberships, strategies, territories, users } from '../storage/schema';

export const DEMO_PASSWORD = 'navbahor2027';
export const NAVBAHOR_CODE = 'UZ-FA-FC-NAV';

const dataFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

interface TerritoryEntry {
  code: string;
  kind: string;
  parent: string | null;
  demo?: boolean;
  name: Record<string, string>;
}

export function readTerritoryData(): TerritoryEntry[] {
  const file = path.join(dataFolder, 'territories-uz.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { territories: TerritoryEntry[] })
    .territories;
}

export function readNavbahorStrategy(): StrategyJson {
  const file = path.join(dataFolder, 'strategy-navbahor-2027.json');
  const { about: _about, ...strategy } = JSON.parse(
    fs.readFileSync(file, 'utf8'),
  ) as StrategyJson & {
    about?: string;
  };
  return strategy;
}

interface DemoAccount {
  email: string;
  displayName: string;
  isAdmin?: boolean;
  roles: { territoryCode: string; role: Role }[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'coordinator@navbahor.example',
    displayName: 'Dilnoza Karimova',
    roles: [{ territoryCode: NAVBAHOR_CODE, role: 'coordinator' }],
  },
  {
    email: 'editor1@navbahor.example',
    displayName: 'Jasur Toʻxtayev',
    roles: [{ territoryCode: NAVBAHOR_CODE, role: 'editor' }],
  },
  {
    email: 'editor2@navbahor.example',
    displayName: 'Malika Yoʻldosheva',
    roles: [{ territoryCode: NAVBAHOR_CODE, role: 'editor' }],
  },
  {
    email: 'expert@navbahor.example',
    displayName: 'Rustam Gʻofurov',
    roles: [{ territoryCode: NAVBAHOR_CODE, role: 'expert' }],
  },
  {
    email: 'resident1@navbahor.example',
    displayName: 'Nodira Saidova',
    roles: [{ territoryCode: NAVBAHOR_CODE, role: 'resident' }],
  },
  ...[2, 3, 4, 5].map((number) => ({
    email: `resident${number}@navbahor.example`,
    displayName: ['Aziz Rahimov', 'Gulnora Usmonova', 'Bekzod Qodirov', 'Shahnoza Ergasheva'][
      number - 2
    ]!,
    roles: [],
  })),
  {
    email: 'authority@fergana.example',
    displayName: 'Farrux Olimov',
    roles: [{ territoryCode: 'UZ-FA-FC', role: 'authority' }],
  },
  {
    email: 'admin@birga.example',
    displayName: 'Birga administrator',
    isAdmin: true,
    roles: [],
  },
];

function isEmpty(db: BirgaDatabase): boolean {
  const tables = [users, territories, strategies] as const;
  return tables.every((table) => (db.select({ rows: count() }).from(table).get()?.rows ?? 0) === 0);
}

export async function seedDemo(db: BirgaDatabase): Promise<void> {
  // Hashing is slow on purpose, so it happens before the transaction that writes everything.
  const accounts = await Promise.all(
    DEMO_ACCOUNTS.map(async (account) => ({
      ...account,
      id: newId(),
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })),
  );
  const strategy = readNavbahorStrategy();
  const documentId = newId();
  const initialUpdate = encodeStrategyDocument(strategy);

  db.transaction((tx) => {
    for (const territory of readTerritoryData()) {
      tx.insert(territories)
        .values({
          code: territory.code,
          kind: territory.kind,
          parentCode: territory.parent,
          names: territory.name,
          demo: territory.demo ?? false,
        })
        .run();
    }
    for (const account of accounts) {
      tx.insert(users)
        .values({
          id: account.id,
          email: account.email,
          displayName: account.displayName,
          passwordHash: account.passwordHash,
          isAdmin: account.isAdmin ?? false,
        })
        .run();
      for (const role of account.roles) {
        tx.insert(memberships)
          .values({ userId: account.id, ...role })
          .run();
      }
    }
    tx.insert(strategies)
      .values({
        id: newId(),
        territoryCode: strategy.territory,
        year: strategy.year,
        title: strategy.title['uz-Latn'] ?? `${strategy.year}`,
        mainLanguage: strategy.mainLanguage,
        status: 'draft',
        documentId,
        createdBy: accounts[0]!.id,
      })
      .run();
    tx.insert(documentUpdates)
      .values({ documentId, update: Buffer.from(initialUpdate) })
      .run();
  });
}

/** Seeds the demo into an empty database; answers whether it did. */
export async function seedIfEmpty(db: BirgaDatabase, mode: SeedMode): Promise<boolean> {
  if (mode !== 'demo' || !isEmpty(db)) return false;
  await seedDemo(db);
  return true;
}
