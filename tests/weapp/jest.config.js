/** weapp end-to-end: miniprogram-automator drives WeChat DevTools (not available on Linux). */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/weapp/**/*.weapp.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 180000,
  maxWorkers: 1
}
