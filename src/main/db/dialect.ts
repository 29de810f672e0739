/**
 * Kysely's SQLite dialect, with every transaction taking the write lock as it begins
 * (`begin immediate`). A plain `begin` reads first and asks for the lock at its first write:
 * two imports could both plan against the same rows, then write them twice. Taking the lock
 * first makes the second wait (busy_timeout) for the first to commit, then plan against what
 * it wrote — or give up with a message when the first takes longer than that.
 */
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
