import type { Logger } from 'typeorm';

/** A TypeORM logger that keeps the SQL statements sent through a DataSource, for tests that count or read them. */
export class StatementLog implements Logger {
  texts: string[] = [];
  get count(): number {
    return this.texts.length;
  }
  /** Forgets what was sent so far. */
  reset(): void {
    this.texts = [];
  }
  logQuery(query: string): void {
    this.texts.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
