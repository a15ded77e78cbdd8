/**
 * Statements prepared once per database connection. Drizzle builds, and SQLite prepares, a
 * one-time query on every call, which on the hot paths (sessions, roles, votes) costs more than
 * running it; a prepared statement is built once and reused.
 */
export function preparedPerConnection<Connection extends object, Statements>(
  prepare: (connection: Connection) => Statements,
): (connection: Connection) => Statements {
  const prepared = new WeakMap<Connection, Statements>();
  return (connection) => {
    let statements = prepared.get(connection);
    if (!statements) {
      statements = prepare(connection);
      prepared.set(connection, statements);
    }
    return statements;
  };
}
