/**
 * Two projects: `unit` (`*.spec.ts` beside the code, no servers) and `e2e` (`*.e2e-spec.ts` under
 * test/ folders, real PostgreSQL and RabbitMQ). Only a run that selects an e2e spec triggers the
 * global setup that reaches the servers, so `jest --selectProjects unit` runs anywhere.
 */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  slowTestThreshold: 30,
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
    },
  ],
  // A run-wide option: jest reads the test timeout from here, not from the projects.
  testTimeout: 60_000,
};
