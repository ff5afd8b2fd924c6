import { loadPlatformConfig } from '@lib/config';
import { DataSource } from 'typeorm';
import { InvalidPayloadError } from '../errors/invalid-payload.error';
import { validatePayload } from '../validate-payload';
import { TruncateTableJob } from './truncate-table.job';

describe('TruncateTableJob payload', () => {
  const long = 'x'.repeat(64);
  const job = new TruncateTableJob(
    loadPlatformConfig({ TRUNCATE_ALLOWED_TABLES: `public.daily_stats,etl.raw,public.${long}` }),
    // Never connected: checking a payload touches no database.
    new DataSource({ type: 'postgres' }),
  );

  it('defaults the schema to public', async () => {
    await expect(validatePayload(job, { table: 'daily_stats' })).resolves.toEqual({
      schema: 'public',
      table: 'daily_stats',
    });
  });

  it('accepts an allowed table in another schema', async () => {
    await expect(validatePayload(job, { schema: 'etl', table: 'raw' })).resolves.toBeDefined();
  });

  it.each([
    [{ table: 'users' }, 'public.users'],
    [{ table: 'Daily_Stats' }, 'public.Daily_Stats'],
    [{ schema: 'etl', table: 'daily_stats' }, 'etl.daily_stats'],
    [{ table: 'daily_stats"; DROP TABLE users; --' }, 'public.daily_stats"; DROP TABLE users; --'],
  ])('refuses %j, which is not on the allow-list exactly', async (payload, name) => {
    await expect(validatePayload(job, payload)).rejects.toThrow(
      `Table ${name} is not allowed. Allowed tables: public.daily_stats, etl.raw, public.${long} (set TRUNCATE_ALLOWED_TABLES).`,
    );
  });

  it('refuses an allowed name past 63 bytes', async () => {
    await expect(validatePayload(job, { table: long })).rejects.toThrow(InvalidPayloadError);
    await expect(validatePayload(job, { table: long })).rejects.toThrow('is 64 bytes');
  });
});
