/**
 * The conformance suite against a real WeChat Cloud env: the same tests, on the real SDK without the
 * seam, where FANLOOP_CLOUD_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are set. Elsewhere
 * every test below is skipped, and this file says why.
 */
process.env.CONFORMANCE_TARGET = 'cloud'
const { cloudSkipReason } = require('./db-under-test') as typeof import('./db-under-test')

const reason = cloudSkipReason()
if (reason !== null) {
  console.info(`[conformance] cloud target skipped: ${reason}`)
  test.skip(`cloud target: ${reason}`, () => undefined)
}

for (const file of [
  './crud.test',
  './query-operators.test',
  './update-operators.test',
  './caps.test',
  './aggregate.test',
  './geo.test',
  './transactions.test',
  './concurrent-writes.test',
  './security.test'
]) {
  describe(`cloud: ${file.slice(2, -5)}`, () => {
    require(file)
  })
}
