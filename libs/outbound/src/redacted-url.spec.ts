import { redactedUrl } from './redacted-url';

describe('redactedUrl', () => {
  it('drops credentials, the query string and the fragment', () => {
    expect(redactedUrl('http://user:s3cret@127.0.0.1:8080/x.csv?token=abc#part')).toBe(
      'http://127.0.0.1:8080/x.csv?…',
    );
    expect(redactedUrl(new URL('https://only-user@example.com/a'))).toBe('https://example.com/a');
  });

  it('keeps a URL without secrets as it is', () => {
    expect(redactedUrl('https://example.com/daily.csv')).toBe('https://example.com/daily.csv');
  });

  it('keeps only the path of a request path', () => {
    expect(redactedUrl('/jobs?limit=5&token=abc')).toBe('/jobs?…');
    expect(redactedUrl('/job-status/42#x')).toBe('/job-status/42');
    expect(redactedUrl('/health')).toBe('/health');
  });

  it('does not echo text that is not a URL', () => {
    expect(redactedUrl('s3cret not a url')).toBe('(a value that is not a URL)');
  });
});
