import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { validatePayload } from '../validate-payload';
import { SqlTransformJob } from './sql-transform.job';
import { TransformCatalogue } from './transform-catalogue';

describe('SqlTransformJob payload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'transforms-'));
  for (const file of ['daily_stats.sql', 'weekly_2.sql', 'Mixed-Case.sql', 'notes.txt']) {
    writeFileSync(join(dir, file), 'SELECT 1');
  }
  mkdirSync(join(dir, 'nested.sql'));
  const catalogue = TransformCatalogue.read(dir);
  // Never connected: checking a payload touches no database.
  const job = new SqlTransformJob(catalogue, new DataSource({ type: 'postgres' }));

  it('lists the .sql files whose name is a transform name, and leaves out the others', () => {
    expect(catalogue.known()).toEqual(['daily_stats', 'weekly_2']);
    expect(catalogue.ignored).toEqual(['Mixed-Case.sql']);
  });

  it('accepts a listed transform', async () => {
    await expect(validatePayload(job, { transform: 'daily_stats' })).resolves.toEqual({
      transform: 'daily_stats',
    });
  });

  it.each(['weekly', 'notes', 'nested'])(
    'refuses %j, which is not on the list, naming the known transforms',
    async (transform) => {
      await expect(validatePayload(job, { transform })).rejects.toThrow(
        `Unknown transform "${transform}". Known transforms: daily_stats, weekly_2 (the .sql files of TRANSFORM_DIR ${dir}).`,
      );
    },
  );

  it.each(['DAILY_STATS', '../daily_stats', 'daily_stats.sql', '/etc/passwd', '', 'x'.repeat(64)])(
    'refuses %j, which is not a transform name',
    async (transform) => {
      await expect(validatePayload(job, { transform })).rejects.toThrow(
        'payload.transform must be a transform name (1 to 63 of a-z, 0-9 and "_")',
      );
    },
  );

  it('refuses SQL in place of a name, and any other field', async () => {
    await expect(
      validatePayload(job, { transform: 'daily_stats', sql: 'DROP TABLE x' }),
    ).rejects.toThrow("payload.sql is not a field of sql_transform's payload.");
    await expect(validatePayload(job, { transform: 1 })).rejects.toThrow(
      'payload.transform must be a string naming a transform, got 1.',
    );
  });

  it('stops start-up naming TRANSFORM_DIR when the directory is missing', () => {
    expect(() => TransformCatalogue.read(join(dir, 'missing'))).toThrow(
      `TRANSFORM_DIR ${join(dir, 'missing')} is not a readable directory (ENOENT)`,
    );
  });
});
