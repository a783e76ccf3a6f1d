/**
 * `--weapp`: builds the mini program for this env and uploads it as a development version through
 * WeChat's CI package (miniprogram-ci), signed with the app's upload key (开发管理 → 开发设置 → 小程序代码上传
 * → 生成密钥; the CI machine's IP must be on its whitelist or the whitelist off). Without a key it prints
 * the DevTools steps instead.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from './desired'
import type { Settings } from './secrets'

interface MiniprogramCi {
  Project: new (o: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores?: string[] }) => unknown
  upload(o: { project: unknown; version: string; desc: string; setting: Record<string, boolean>; robot?: number }): Promise<unknown>
}

export const devtoolsSteps = (envId: string) => [
  'Upload from WeChat DevTools (no FANLOOP_UPLOAD_KEY given):',
  `  1. FANLOOP_CLOUD_ENV=${envId} FANLOOP_WINBACK_TEMPLATE_ID=… FANLOOP_GROUP_EXPIRY_TEMPLATE=… npm run build:weapp`,
  '  2. Open the repo root in DevTools (project.config.json: miniprogramRoot dist/weapp/, cloudfunctionRoot cloudfunctions/).',
  '  3. 上传 (top right) → version and note → then 版本管理 in the admin console: submit for review.',
  '  Or set FANLOOP_UPLOAD_KEY to the upload key file (开发管理 → 开发设置 → 小程序代码上传) and run npm run deploy -- --weapp.'
]

export async function uploadWeapp(s: Settings, log: (line: string) => void): Promise<boolean> {
  if (!s.uploadKeyPath) {
    devtoolsSteps(s.envId).forEach((l) => log(l))
    return true
  }
  const keyPath = path.resolve(ROOT, s.uploadKeyPath)
  if (!fs.existsSync(keyPath)) {
    log(`FANLOOP_UPLOAD_KEY points to ${keyPath}, which does not exist`)
    return false
  }
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid: string }
  const appid = s.appId ?? config.appid
  if (!appid || appid === 'touristappid') {
    log('project.config.json has no real appid (touristappid): set it (or FANLOOP_APPID) before uploading')
    return false
  }
  log('building the weapp for this env (npm run build:weapp)…')
  const built = spawnSync('npm', ['run', 'build:weapp'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      // only what the client build reads (config/cloud-settings.ts): no function secret or API key reaches it
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(FANLOOP_|TENCENTCLOUD_)/.test(k))),
      FANLOOP_CLOUD_ENV: s.envId,
      FANLOOP_WINBACK_TEMPLATE_ID: s.functionEnv.FANLOOP_WINBACK_TEMPLATE_ID,
      FANLOOP_GROUP_EXPIRY_TEMPLATE: s.functionEnv.FANLOOP_GROUP_EXPIRY_TEMPLATE
    } as unknown as NodeJS.ProcessEnv
  })
  if (built.status !== 0) return false
  // loaded only here: it is large and only --weapp needs it
  const ci = require('miniprogram-ci') as MiniprogramCi
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
  const project = new ci.Project({
    appid,
    type: 'miniProgram',
    projectPath: path.join(ROOT, 'dist', 'weapp'),
    privateKeyPath: keyPath,
    ignores: ['node_modules/**/*']
  })
  await ci.upload({ project, version: pkg.version, desc: `fanloop ${pkg.version} (npm run deploy -- --weapp)`, setting: { es6: true, minify: true }, robot: 1 })
  log(`uploaded ${pkg.version} as a development version: 版本管理 in the admin console to submit it for review`)
  return true
}
