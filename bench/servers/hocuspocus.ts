/**
 * Hocuspocus 3.4 as its documentation starts it, on loopback. With BENCH_SQLITE set, its SQLite
 * extension stores documents in that file (the extension's own default is an in-memory database);
 * every other setting keeps its default (debounce 2 s, maxDebounce 10 s, unloadImmediately).
 */
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const databasePath = process.env.BENCH_SQLITE;
const server = new Server({
  address: '127.0.0.1',
  port: Number(process.env.PORT),
  quiet: true,
  extensions: databasePath ? [new SQLite({ database: databasePath })] : [],
});
await server.listen();
console.log('listening');
