import { shownValue } from './shown-value';

describe('shownValue', () => {
  it.each(['ADMIN_PASSWORD', 'WEBHOOK_SECRET', 'API_TOKEN', 'SIGNING_KEY', 'PASSWORD'])(
    'never shows the value of %s, only its length',
    (variable) => {
      expect(shownValue(variable, 'hunter2')).toBe(
        `a value of 7 characters (not shown: ${variable} is a secret)`,
      );
    },
  );

  it('never shows TENANT_WEBHOOKS, whose entries hold secrets', () => {
    expect(shownValue('TENANT_WEBHOOKS', '{"a": 1}')).toBe(
      'a value of 8 characters (not shown: TENANT_WEBHOOKS is a secret)',
    );
  });

  it.each([
    ['postgres://app:hunter2@db:5432', '"postgres://***@db:5432"'],
    ['postgres://app:p@ss@db/jobs?x', '"postgres://***@db/jobs?***"'],
    ['redis://:hunter2@127.0.0.1:6379 extra', '"redis://***@127.0.0.1:6379 extra"'],
    ['app:hunter2@db/jobs', '"***@db/jobs"'],
    ['postgres://db/jobs?password=hunter2', '"postgres://db/jobs?***"'],
    ['http://host/ok', '"http://host/ok"'],
  ])('hides the credentials of the URL %s', (value, shown) => {
    expect(shownValue('DATABASE_MIGRATION_URL', value)).toBe(shown);
  });

  it('quotes other values as they are', () => {
    expect(shownValue('WORKER_CONCURRENCY', 'abc')).toBe('"abc"');
    expect(shownValue('QUEUE_PREFIX', 'a b')).toBe('"a b"');
  });
});
