/**
 * weapp specs: the built mini program (dist/weapp) on the headless harness over WeChat's wcc/wcsc, and the
 * same specs on WeChat DevTools through miniprogram-automator where WECHAT_DEVTOOLS_CLI is set.
 * Build first: `npx tsx scripts/build-functions.ts && npx taro build --type weapp`.
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/weapp/**/*.weapp.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  globalSetup: '<rootDir>/tests/weapp/harness/global-setup.ts',
  globalTeardown: '<rootDir>/tests/weapp/harness/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 1
}
