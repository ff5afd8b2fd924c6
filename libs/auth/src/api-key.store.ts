import { randomUUID } from 'node:crypto';
import type { ApiKey, CreatedApiKey, NewApiKey } from './api-key';
import { apiKeyTokenHash, newApiKeyToken } from './api-key-token';
import type { Caller } from './caller';
import { DEFAULT_SCOPES } from './scope';
import type { Scope } from './scope';
import { checkTenantName } from './tenant-name';

/** What the store needs of a connection: a TypeORM DataSource or a pg client will do. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string | null;
  scopes: Scope[];
  job_types: string[] | null;
  created_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 'id, tenant_id, name, scopes, job_types, created_at, revoked_at';

const keyOf = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  tenant: row.tenant_id,
  name: row.name,
  scopes: row.scopes,
  jobTypes: row.job_types,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

// TypeORM's DataSource.query answers rows; pg's Client.query answers {rows}.
const rowsOf = (result: unknown): ApiKeyRow[] =>
  Array.isArray(result) ? (result as ApiKeyRow[]) : (result as { rows: ApiKeyRow[] }).rows;

/** The api_keys table: creates, lists and revokes keys, and finds the key of a token. */
export class ApiKeyStore {
  constructor(private readonly sql: SqlRunner) {}

  /** @throws InvalidTenantError for a tenant name that breaks TENANT_NAME */
  async create(key: NewApiKey): Promise<CreatedApiKey> {
    const token = newApiKeyToken();
    const result = await this.sql.query(
      `INSERT INTO api_keys (id, tenant_id, name, scopes, job_types, token_hash)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        checkTenantName(key.tenant),
        key.name ?? null,
        [...(key.scopes ?? DEFAULT_SCOPES)],
        key.jobTypes ? [...new Set(key.jobTypes)] : null,
        apiKeyTokenHash(token),
      ],
    );
    return { ...keyOf(rowsOf(result)[0]), token };
  }

  /** Every key (of `tenant`, when given), revoked ones included, oldest first. */
  async list(tenant?: string): Promise<ApiKey[]> {
    const result = await this.sql.query(
      `SELECT ${COLUMNS} FROM api_keys WHERE $1::text IS NULL OR tenant_id = $1
       ORDER BY created_at, id`,
      [tenant ?? null],
    );
    return rowsOf(result).map(keyOf);
  }

  /** Revokes the key; false when no such key exists or it was revoked already. */
  async revoke(id: string): Promise<boolean> {
    // A SELECT around the UPDATE: TypeORM answers an UPDATE's rows as [rows, count].
    const result = await this.sql.query(
      `WITH revoked AS (
         UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL
         RETURNING ${COLUMNS})
       SELECT * FROM revoked`,
      [id],
    );
    return rowsOf(result).length > 0;
  }

  /** The caller a token authenticates, or null for an unknown or revoked token. */
  async callerOf(token: string): Promise<Caller | null> {
    // Looked up by digest through a unique index: no comparison of secrets takes place.
    const result = await this.sql.query(
      `SELECT ${COLUMNS} FROM api_keys WHERE token_hash = $1 AND revoked_at IS NULL`,
      [apiKeyTokenHash(token)],
    );
    const [row] = rowsOf(result);
    return row
      ? {
          keyId: row.id,
          tenant: row.tenant_id,
          scopes: new Set(row.scopes),
          jobTypes: row.job_types === null ? null : new Set(row.job_types),
        }
      : null;
  }
}
