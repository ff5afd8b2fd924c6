// `npm run -s openapi [-- --check]`: writes the API's OpenAPI document to openapi.json, or
// with --check exits 1 if the committed file differs from what the code now documents.
// Nest's preview mode scans the controllers without creating providers, so nothing
// connects to Postgres or Redis.
import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPlatformConfig } from '@lib/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiModule } from '../api.module';
import { openApiDocument } from './openapi-document';

const DOCUMENT_PATH = join(process.cwd(), 'openapi.json');

async function documentText(): Promise<string> {
  const app = await NestFactory.create(
    ApiModule.forRoot(loadPlatformConfig(process.env, 'api')),
    new FastifyAdapter(),
    {
      preview: true,
      logger: false,
      abortOnError: false,
    },
  );
  try {
    return `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

async function main(check: boolean): Promise<void> {
  const text = await documentText();
  if (!check) {
    await writeFile(DOCUMENT_PATH, text);
    return;
  }
  const committed = await readFile(DOCUMENT_PATH, 'utf8').catch(() => '');
  if (committed !== text) {
    process.stderr.write('openapi.json is out of date: run `npm run -s openapi` and commit it.\n');
    process.exitCode = 1;
  }
}

main(process.argv.includes('--check')).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
