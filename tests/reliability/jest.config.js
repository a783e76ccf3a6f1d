/** npm run test:reliability: fuzz, crash and load tests (scripts/reliability.mjs prints their RESULT lines). */
const base = require('../../jest.config.js')
module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/tests/reliability'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 300000,
  maxWorkers: 1
}
