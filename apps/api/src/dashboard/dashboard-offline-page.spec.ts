import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withoutExternalStylesheets } from './dashboard-offline-page';

const template = readFileSync(
  join(require.resolve('@bull-board/ui/package.json'), '..', 'dist', 'index.ejs'),
  'utf8',
);

describe('withoutExternalStylesheets', () => {
  it("leaves no URL of another origin in Bull Board's page", () => {
    expect(template).toContain('https://fonts.googleapis.com');
    expect(withoutExternalStylesheets(template)).not.toMatch(/https?:\/\//);
  });

  it("keeps the board's own stylesheet and scripts", () => {
    const page = withoutExternalStylesheets(template);
    expect(page).toMatch(/<link href="static\/css\/main\.[0-9a-f]+\.css" rel="stylesheet">/);
    expect(page).toContain('<script defer src="static/js/main.');
  });
});
