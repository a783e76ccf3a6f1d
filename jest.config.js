/** Unit, conformance and integration tests. E2E (Chromium) runs from its own config. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  // the functions run on the real wx-server-sdk (serializer, EJSON, protobuf): the crowd tests take seconds
  testTimeout: 30000,
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/', '/tests/reliability/', '/tests/weapp/'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1'
  }
}
