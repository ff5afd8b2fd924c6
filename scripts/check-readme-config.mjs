// Fails when the README's configuration table and the environment schema disagree on
// which variables exist or what their defaults are.
import { readFileSync } from 'node:fs';

const schema = readFileSync('libs/config/src/environment.variables.ts', 'utf8');
const readme = readFileSync('README.md', 'utf8');

const inCode = new Map(
  [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*)(?:: \w+)? = (.+);$/gm)].map(([, name, value]) => [
    name,
    value
      .replace(/^'(.*)'$/, '$1')
      .replace(/_/g, (m, i, s) => (/\d/.test(s[i - 1] ?? '') ? '' : m)),
  ]),
);

const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
const inReadme = new Map(
  [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` +\| `([^`]*)` +\|/gm)].map(([, name, value]) => [
    name,
    value,
  ]),
);

const problems = [];
for (const [name, value] of inCode) {
  if (!inReadme.has(name)) {
    problems.push(`${name} is read by the code but missing from README.md's configuration table.`);
  } else if (inReadme.get(name) !== value) {
    problems.push(
      `${name} defaults to ${value} in the code but ${inReadme.get(name)} in README.md.`,
    );
  }
}
for (const name of inReadme.keys()) {
  if (!inCode.has(name)) {
    problems.push(`${name} is in README.md's configuration table but the code does not read it.`);
  }
}
if (inCode.size === 0) {
  problems.push('No variables found in libs/config/src/environment.variables.ts.');
}
for (const problem of problems) {
  console.error(problem);
}
process.exit(problems.length > 0 ? 1 : 0);
