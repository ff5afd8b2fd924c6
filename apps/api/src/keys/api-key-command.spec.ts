import { apiKeyCommand } from './api-key-command';

describe('apiKeyCommand', () => {
  it('reads create with its options', () => {
    expect(
      apiKeyCommand([
        'create',
        '--tenant',
        'acme',
        '--scopes',
        'jobs:read,jobs:read,admin',
        '--types',
        'sleep,data_import',
        '--name',
        'etl',
      ]),
    ).toEqual({
      action: 'create',
      key: {
        tenant: 'acme',
        name: 'etl',
        scopes: ['jobs:read', 'admin'],
        jobTypes: ['sleep', 'data_import'],
      },
    });
    expect(apiKeyCommand(['create', '--tenant', 'acme'])).toMatchObject({
      key: { scopes: undefined, jobTypes: undefined },
    });
  });

  it('reads list and revoke', () => {
    expect(apiKeyCommand(['list'])).toEqual({ action: 'list', tenant: undefined });
    expect(apiKeyCommand(['list', '--tenant', 'acme'])).toEqual({ action: 'list', tenant: 'acme' });
    const id = '3F9C0E4A-8F1D-4C33-9A57-1F2E3D4C5B6A';
    expect(apiKeyCommand(['revoke', id])).toEqual({ action: 'revoke', id: id.toLowerCase() });
  });

  it.each([
    [['create', '--tenant=-acme'], 'Tenant "-acme" is not a valid tenant name'],
    [['create', '--tenant', 'a'.repeat(64)], 'is not a valid tenant name'],
    [['create', '--tenant', 'acme', '--scopes', ''], 'Unknown scope ""'],
    [['create', '--tenant', 'acme', '--types', 'Sleep'], '--types must be a comma-separated list'],
    [['create', '--tenant'], 'Unknown or incomplete option --tenant'],
    [['list', '--scopes', 'admin'], 'Option --scopes does not apply to list'],
    [['revoke', '--tenant', 'acme'], 'Option --tenant does not apply to revoke'],
    [['list', 'extra'], 'Unexpected argument "extra"'],
  ])('refuses %j naming the problem', (argv, problem) => {
    expect(() => apiKeyCommand(argv)).toThrow(problem);
  });
});
