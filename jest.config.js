/** Unit, conformance and integration tests. E2E (Chromium) runs from its own config. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/', '/tests/reliability/', '/tests/weapp/'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    // Cloud function code imports the real SDK; under jest it talks to the local cloud instead.
    '^wx-server-sdk$': '<rootDir>/src/localcloud/sdk/index.ts',
    '^@/(.*)$': '<rootDir>/src/$1'
  }
}
