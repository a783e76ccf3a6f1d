import fs from 'node:fs'
import path from 'node:path'
import { LOCAL_POS_SECRET, LOCAL_SIGNING_KEY } from '../../src/localcloud'
import { filesUnder } from '../support/files'

/**
 * The H5 bundle the e2e tests run (built just before them) carries no secret: not the names of the
 * functions' secret variables, nor the local cloud's stand-in values. Weapp code is the same client
 * source, checked in tests/integration/privacy-secrets.test.ts.
 */
const H5 = path.resolve(__dirname, '..', '..', 'dist', 'h5')
const NEEDLES = ['FANLOOP_SIGNING_KEY', 'FANLOOP_POS_SECRET', LOCAL_SIGNING_KEY, LOCAL_POS_SECRET]

it('the built H5 bundle holds no secret name or local secret value', () => {
  if (!fs.existsSync(path.join(H5, 'index.html'))) throw new Error('dist/h5 is not built: run `npm run build:h5` first')
  const files = filesUnder(H5, /\.(js|html|json|css|map)$/)
  expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(3)
  const found = files.flatMap((f) => {
    const text = fs.readFileSync(f, 'utf8')
    return NEEDLES.filter((s) => text.includes(s)).map((s) => `${path.relative(H5, f)}: ${s}`)
  })
  expect(found).toEqual([])
})
