/** One jest config for every tier; `npm run test:unit|int|e2e` narrow it by file name. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  // @nestjs/* 12, @apidevtools/*, stream-json and stream-chain ship ESM only: swc turns them into CommonJS with our code.
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@apidevtools|stream-json|stream-chain)/)'],
  moduleNameMapper: {
    '^@lib/(.*)$': '<rootDir>/libs/$1/src',
    // libs/client is also built as ESM, whose relative imports name the .js file; in the
    // sources that file is the .ts one, which jest finds without the extension.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testTimeout: 60_000,
};
