import fs from 'node:fs'
import path from 'node:path'
import { spawnCloud, type RunningCloud } from '../../support/spawn-cloud'

export const WEAPP_SETUP_CODE = 'Weapp-Setup-Code-2026'

/**
 * One local cloud for every weapp spec file, started as `npm start` runs it (built function bundles, the
 * demo brand): a cloud per file would cost six seconds of CPU each. Specs use fresh shopper openids so
 * that what one file writes does not change what another sees.
 */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..')
  if (!fs.existsSync(path.join(root, 'dist', 'weapp', 'app.json'))) throw new Error('dist/weapp is missing: run `npx taro build --type weapp` first')
  if (!fs.existsSync(path.join(root, 'cloudfunctions', 'session', 'index.js')))
    throw new Error('the cloud functions are not built: run `npx tsx scripts/build-functions.ts` first')
  // the operator's setup code, as npm run deploy sets it in the functions' environment: setup.weapp claims with it
  const cloud = await spawnCloud({ env: { FANLOOP_SETUP_CODE: WEAPP_SETUP_CODE } })
  process.env.WEAPP_CLOUD_URL = cloud.url
  process.env.WEAPP_CLOUD_DIR = cloud.dataDir
  ;(globalThis as { __weappCloud?: RunningCloud }).__weappCloud = cloud
}
