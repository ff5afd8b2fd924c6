import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddApiKeys1764510000000 implements MigrationInterface {
  name = 'AddApiKeys1764510000000';

  // Only a SHA-256 digest of each token is kept: a leaked table grants nothing.
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text,
        scopes text[] NOT NULL,
        job_types text[],
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await runner.query('CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE api_keys');
  }
}
