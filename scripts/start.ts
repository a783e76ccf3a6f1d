/**
 * npm start: the local cloud with the demo brand, serving the H5 build and every cloud function.
 *   --reset      wipe the data folder first (fresh demo)
 *   --no-serve   seed and exit (used by `npm run demo:reset`)
 * Environment: FANLOOP_PORT (default 8787), FANLOOP_HOST (127.0.0.1), FANLOOP_DATA_DIR (.data/local-cloud).
 */
import fs from 'node:fs'
import path from 'node:path'
import { DEFAULT_PORT, LocalCloud } from '../src/localcloud'

const args = new Set(process.argv.slice(2))
const dataDir = path.resolve(process.env.FANLOOP_DATA_DIR ?? path.join(__dirname, '..', '.data', 'local-cloud'))
const port = Number(process.env.FANLOOP_PORT ?? DEFAULT_PORT)

async function main(): Promise<void> {
  if (args.has('--reset')) fs.rmSync(dataDir, { recursive: true, force: true })
  const cloud = new LocalCloud({ dataDir, port, host: process.env.FANLOOP_HOST ?? '127.0.0.1', functions: 'built', seed: true })
  if (args.has('--no-serve')) {
    const seeded = await cloud.seedIfEmpty()
    console.log(seeded ? `demo data written to ${dataDir}` : `data already present in ${dataDir} (use --reset to start over)`)
    await cloud.stop()
    return
  }
  const { url } = await cloud.start()
  console.log(
    [
      '',
      `fanloop local cloud is running: ${url}`,
      `  shopper home      ${url}/#/pages/index/index`,
      `  staff (my code)   ${url}/#/staff/pages/code/index   (switch persona to a 导购 on the home page)`,
      `  manager overview  ${url}/#/manager/pages/overview/index   (switch persona to 品牌运营)`,
      `  cloud functions   POST ${url}/fn/<name>  with header x-wx-openid: <openid>`,
      `  data folder       ${dataDir}`,
      'Press Ctrl+C to stop.',
      ''
    ].join('\n')
  )
  const stop = () => {
    void cloud.stop().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
