import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EDGE_ERROR_CODES } from './edge-error-codes';
import { API_ERROR_CODES, CODES_NOT_SENT_BY_THE_API } from './error-codes';

const root = join(__dirname, '..', '..', '..', '..');

/** Every `.ts` file under `dir`, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /(?<!\.(spec|int-spec|e2e-spec))\.ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The `code` of every PlatformError subclass in apps/ and libs/. */
function platformErrorCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of [...sources(join(root, 'apps')), ...sources(join(root, 'libs'))]) {
    const text = readFileSync(file, 'utf8');
    for (const [, name, body] of text.matchAll(
      /class (\w+) extends PlatformError\b[^{]*\{([^]*?)\n\}/g,
    )) {
      const code = /readonly code = '([a-z0-9_]+)'/.exec(body)?.[1];
      codes.set(code ?? `(${name} has no literal code)`, name);
    }
  }
  return codes;
}

describe('the API error codes', () => {
  it('list every PlatformError code, as sent by the API or not', () => {
    const codes = platformErrorCodes();
    expect(codes.size).toBeGreaterThan(30);
    const unlisted = [...codes]
      .filter(([code]) => !(code in API_ERROR_CODES) && !(code in CODES_NOT_SENT_BY_THE_API))
      .map(([code, name]) => `${name}: ${code}`);
    expect(unlisted).toEqual([]);
    const gone = Object.keys({ ...CODES_NOT_SENT_BY_THE_API }).filter((code) => !codes.has(code));
    expect(gone).toEqual([]);
  });

  it('list every code of the edge (Fastify, Nest, Postgres, bugs)', () => {
    const unlisted = Object.values(EDGE_ERROR_CODES).filter((code) => !(code in API_ERROR_CODES));
    expect(unlisted).toEqual([]);
  });

  it("match the README's table of codes", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z0-9_]+)` +\| (\d{3}) +\| (.+?) +\|$/gm)].map(
      ([, code, status, meaning]) => [code, Number(status), meaning],
    );
    expect(rows).toEqual(
      Object.entries(API_ERROR_CODES).map(([code, { status, meaning }]) => [code, status, meaning]),
    );
  });
});
