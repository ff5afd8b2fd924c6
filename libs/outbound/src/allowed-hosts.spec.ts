import { AllowedHosts } from './allowed-hosts';

describe('AllowedHosts', () => {
  const hosts = new AllowedHosts([
    '127.0.0.1:8080',
    'Localhost',
    '[::1]:9000',
    'files.internal:443',
  ]);

  it('allows an entry with a port on that port only', () => {
    expect(hosts.allows(new URL('http://127.0.0.1:8080/a.csv'))).toBe(true);
    expect(hosts.allows(new URL('http://127.0.0.1:8081/a.csv'))).toBe(false);
    expect(hosts.allows(new URL('http://127.0.0.1/a.csv'))).toBe(false);
  });

  it('allows an entry without a port on every port, ignoring case', () => {
    expect(hosts.allows(new URL('http://localhost/a.csv'))).toBe(true);
    expect(hosts.allows(new URL('https://LOCALHOST:4443/a.csv'))).toBe(true);
  });

  it('compares the effective port: 443 for https, 80 for http', () => {
    expect(hosts.allows(new URL('https://files.internal/a.csv'))).toBe(true);
    expect(hosts.allows(new URL('http://files.internal/a.csv'))).toBe(false);
  });

  it('matches IPv6 literals written with brackets', () => {
    expect(hosts.allows(new URL('http://[::1]:9000/'))).toBe(true);
    expect(hosts.allows(new URL('http://[::1]:9001/'))).toBe(false);
  });

  it('matches the host as written, not what it resolves to', () => {
    expect(hosts.allows(new URL('http://127.0.0.2:8080/'))).toBe(false);
    expect(new AllowedHosts([]).allows(new URL('http://127.0.0.1:8080/'))).toBe(false);
  });
});
