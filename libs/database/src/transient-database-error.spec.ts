import { isTransientDatabaseError } from './transient-database-error';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTransientDatabaseError', () => {
  it('is true for a connection the server terminated or refused', () => {
    expect(isTransientDatabaseError(withCode('57P01', 'terminating connection'))).toBe(true);
    expect(isTransientDatabaseError(withCode('08006'))).toBe(true);
    expect(isTransientDatabaseError(withCode('ECONNREFUSED'))).toBe(true);
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
    const closed = withCode('55000', 'database "jobs" is not currently accepting connections');
    expect(isTransientDatabaseError(closed)).toBe(true);
  });

  it('looks through TypeORM wrapping and aggregated connect errors', () => {
    const wrapped = Object.assign(new Error('query failed'), { driverError: withCode('57P01') });
    expect(isTransientDatabaseError(wrapped)).toBe(true);
    const aggregate = Object.assign(new Error(''), { errors: [withCode('ECONNREFUSED')] });
    expect(isTransientDatabaseError(aggregate)).toBe(true);
  });

  it('is false for a statement that is wrong whatever the connection', () => {
    expect(isTransientDatabaseError(withCode('23505', 'duplicate key'))).toBe(false);
    expect(isTransientDatabaseError(withCode('42601', 'syntax error'))).toBe(false);
    expect(isTransientDatabaseError('not an error')).toBe(false);
  });
});
