// Builds the package twice, CommonJS into dist/cjs and ESM into dist/esm, each with its
// declarations. Each folder gets a package.json naming its module format, because Node and
// TypeScript decide how to load a .js or .d.ts file from the nearest package.json, and this
// package's own one declares no "type".
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const formats = { cjs: 'commonjs', esm: 'module' };

rmSync(join(packageRoot, 'dist'), { recursive: true, force: true });
for (const [folder, type] of Object.entries(formats)) {
  execFileSync('tsc', ['-p', `tsconfig.${folder}.json`], { cwd: packageRoot, stdio: 'inherit' });
  mkdirSync(join(packageRoot, 'dist', folder), { recursive: true });
  writeFileSync(join(packageRoot, 'dist', folder, 'package.json'), `${JSON.stringify({ type })}\n`);
}
