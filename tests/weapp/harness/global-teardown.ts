import fs from 'node:fs'
import type { RunningCloud } from '../../support/spawn-cloud'

export default async function globalTeardown(): Promise<void> {
  const cloud = (globalThis as { __weappCloud?: RunningCloud }).__weappCloud
  if (!cloud) return
  await cloud.stop()
  fs.rmSync(cloud.dataDir, { recursive: true, force: true })
}
