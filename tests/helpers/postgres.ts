/**
 * PostgreSQL for tests: the server the global setup started (or TEST_DATABASE_URL), and a fresh
 * schema per store so test files, and tests within them, never share state and can run in parallel.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** "" when no PostgreSQL is available (outside CI only). */
export const POSTGRES_URL = inject('postgresUrl');

/** A schema name no other test uses. */
export function freshSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Drops the given schemas (the end of a test file). */
export async function dropSchemas(schemas: readonly string[]): Promise<void> {
  if (!POSTGRES_URL || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  } finally {
    await client.end();
  }
}
