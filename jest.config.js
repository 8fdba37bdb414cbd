// Tests by level: unit (pure, in-memory), contract (one suite per port, run
// against every adapter), int (real HTTP / child processes on the embedded store).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // `feed` ships ES modules only; Node loads them with require(), jest's loader needs them compiled to CommonJS.
    '/node_modules/feed/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!feed/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  rootDir: __dirname,
};

module.exports = {
  // A bound for a broken run, never a measure: tests wait on conditions (test/support/bounds.ts), never on the clock.
  testTimeout: 300_000,
  globalSetup: '<rootDir>/test/support/announce-skips.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.unit.spec.ts'] },
    { ...common, displayName: 'contract', testMatch: ['<rootDir>/{apps,libs,test}/**/*.contract.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/**/*.browser.spec.ts'] },
  ],
};
