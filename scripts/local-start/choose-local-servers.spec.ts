import { chooseLocalServers } from './choose-local-servers.mjs';

const redisAt = (answers: boolean) => ({ address: '127.0.0.1:6379', answers });
const postgresAt = (answers: boolean) => ({ address: '127.0.0.1:5432', answers });
const bothAnswer = { redis: redisAt(true), postgres: postgresAt(true) };
const noneAnswers = { redis: redisAt(false), postgres: postgresAt(false) };

describe('chooseLocalServers', () => {
  describe('queues', () => {
    it('leaves them to the apps when REDIS_URL is set, even with no Redis answering', () => {
      const choice = chooseLocalServers({ REDIS_URL: 'redis://10.0.0.5:6379' }, noneAnswers);
      expect(choice.appEnv).toEqual({});
    });

    it('leaves them to the apps when REDIS_CLUSTER_NODES is set', () => {
      const choice = chooseLocalServers({ REDIS_CLUSTER_NODES: '10.0.0.5:7000' }, noneAnswers);
      expect(choice.appEnv).toEqual({});
    });

    it('leaves them to the apps when QUEUE_BACKEND is set', () => {
      const choice = chooseLocalServers({ QUEUE_BACKEND: 'redis' }, noneAnswers);
      expect(choice.appEnv).toEqual({});
    });

    it('leaves them in Redis when one answers at the default address', () => {
      const choice = chooseLocalServers({}, bothAnswer);
      expect(choice.appEnv).toEqual({});
      expect(choice.banner).toEqual([]);
    });

    it('keeps them in PostgreSQL when nothing answers and says how to use Redis', () => {
      const choice = chooseLocalServers({}, { ...bothAnswer, redis: redisAt(false) });
      expect(choice.appEnv).toEqual({ QUEUE_BACKEND: 'postgres' });
      expect(choice.banner.join('\n')).toMatch(/No Redis answers at 127\.0\.0\.1:6379.*REDIS_URL/s);
    });

    it('takes an empty REDIS_URL for an unset one', () => {
      const choice = chooseLocalServers({ REDIS_URL: '' }, noneAnswers);
      expect(choice.appEnv).toEqual({ QUEUE_BACKEND: 'postgres' });
    });
  });

  describe('database', () => {
    it('embeds one when DATABASE_URL=embedded, even with a PostgreSQL answering', () => {
      const choice = chooseLocalServers({ DATABASE_URL: 'embedded' }, bothAnswer);
      expect(choice.embeddedDatabase).toBe(true);
      expect(choice.banner).toEqual([]);
    });

    it('uses DATABASE_URL as it is when set, even with nothing answering', () => {
      const choice = chooseLocalServers(
        { DATABASE_URL: 'postgres://postgres@10.0.0.6:5432/jobs' },
        noneAnswers,
      );
      expect(choice.embeddedDatabase).toBe(false);
    });

    it('uses the PostgreSQL answering at the default address', () => {
      expect(chooseLocalServers({}, bothAnswer).embeddedDatabase).toBe(false);
    });

    it('embeds one when nothing answers and says how to use a real server', () => {
      const choice = chooseLocalServers({}, { ...bothAnswer, postgres: postgresAt(false) });
      expect(choice.embeddedDatabase).toBe(true);
      expect(choice.appEnv).toEqual({});
      expect(choice.banner.join('\n')).toMatch(
        /No PostgreSQL answers at 127\.0\.0\.1:5432.*DATABASE_URL/s,
      );
    });
  });

  it('embeds the database and keeps the queues in it on a machine with neither server', () => {
    const choice = chooseLocalServers({}, noneAnswers);
    expect(choice).toMatchObject({ embeddedDatabase: true, appEnv: { QUEUE_BACKEND: 'postgres' } });
    expect(choice.banner).toHaveLength(4);
  });

  it('refuses DATABASE_MIGRATION_URL beside the embedded database, whose migrations it would miss', () => {
    const env = { DATABASE_URL: 'embedded', DATABASE_MIGRATION_URL: 'postgres://o@db:5432/jobs' };
    expect(() => chooseLocalServers(env, bothAnswer)).toThrow(
      'DATABASE_MIGRATION_URL is set, but npm start gives the apps an embedded PostgreSQL',
    );
  });
});
