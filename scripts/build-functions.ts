/**
 * Builds each src/functions/<name>.ts into a deployable folder cloudfunctions/<name>/:
 * index.js (everything bundled except wx-server-sdk), package.json (depends on wx-server-sdk only),
 * config.json (timeout, openapi permissions). The folder uploads from WeChat DevTools as it stands.
 */
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { FUNCTION_NAMES } from '../src/contract'

const ROOT = path.resolve(__dirname, '..')
const OUT = path.join(ROOT, 'cloudfunctions')
/**
 * Exactly the version the repo installs (package.json pins it, the lock installs it), so the deployed
 * functions run on the SDK the local cloud and the tests ran them on; a range would let the cloud's
 * `npm install` pick another one.
 */
const WX_SERVER_SDK_VERSION = pinnedSdkVersion()

function pinnedSdkVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
  const version = pkg.dependencies?.['wx-server-sdk'] ?? pkg.devDependencies?.['wx-server-sdk'] ?? ''
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`package.json must pin wx-server-sdk to an exact version, not "${version}"`)
  return version
}

interface DeploySettings {
  timeout: number
  openapi: string[]
  triggers?: Array<{ name: string; type: 'timer'; config: string }>
}

function settingsFor(name: string): DeploySettings {
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'cloud', 'functions.json'), 'utf8')) as {
    defaults: DeploySettings
    functions: Record<string, Partial<DeploySettings>>
  }
  return { ...file.defaults, ...(file.functions[name] ?? {}) }
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n'

export async function buildFunctions(names: readonly string[] = FUNCTION_NAMES): Promise<void> {
  for (const name of names) {
    const dir = path.join(OUT, name)
    fs.mkdirSync(dir, { recursive: true })
    await build({
      entryPoints: [path.join(ROOT, 'src', 'functions', `${name}.ts`)],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
      banner: { js: `// fanloop cloud function "${name}". Built from src/functions/${name}.ts by npm run build:functions; do not edit.` }
    })
    const settings = settingsFor(name)
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      json({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': WX_SERVER_SDK_VERSION } })
    )
    fs.writeFileSync(
      path.join(dir, 'config.json'),
      json({ permissions: { openapi: settings.openapi }, timeout: settings.timeout, ...(settings.triggers ? { triggers: settings.triggers } : {}) })
    )
  }
}

if (require.main === module) {
  buildFunctions().then(
    () => console.log(`built ${FUNCTION_NAMES.length} cloud functions into cloudfunctions/`),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    }
  )
}
