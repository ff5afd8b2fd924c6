import { IdentifierTooLongError } from './identifier-too-long.error';
import { QualifiedTableName } from './qualified-table-name';

describe('QualifiedTableName', () => {
  it('quotes each part, doubling embedded quotes', () => {
    expect(new QualifiedTableName('public', 'daily_stats').quoted()).toBe('"public"."daily_stats"');
    expect(new QualifiedTableName('etl', 'a"b').quoted()).toBe('"etl"."a""b"');
  });

  it('accepts 63 bytes and refuses 64, counting bytes rather than characters', () => {
    expect(() => new QualifiedTableName('public', 'x'.repeat(63))).not.toThrow();
    expect(() => new QualifiedTableName('public', 'x'.repeat(64))).toThrow(IdentifierTooLongError);
    expect(() => new QualifiedTableName('public', 'é'.repeat(32))).toThrow('is 64 bytes');
  });
});
