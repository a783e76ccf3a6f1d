import fs from 'node:fs'
import type http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import QRCode from 'qrcode'
import { FUNCTION_NAMES } from '../contract'
import { LocalDatabase, type IndexSpec } from './db'
import { PERSONAS, STORES } from './demo/brand'
import { isEmpty, seedDemo } from './demo/seed'
import type { FunctionSource } from './functions'
import { LocalPlatform } from './platform'
import { FunctionRegistry } from './registry'
import { createServer } from './server'
import { loadTimerTriggers, TimerRunner } from './timers'
import { PlatformFaults } from './wire/faults'
import { bindWire, installWire, unbindWire, type WireHost } from './wire/install'
import { createDatabaseWire } from './wire/database'

const ROOT = path.resolve(__dirname, '..', '..')
export const DEFAULT_PORT = 8787
/** Local only, and said so: deployed functions get their key from the function's environment variables. */
export const LOCAL_SIGNING_KEY = 'local-cloud-demo-signing-key-not-a-secret'
export const LOCAL_POS_SECRET = 'local-pos-secret'

export interface LocalCloudOptions {
  /** folder for the SQLite file and stored files; ':memory:' keeps nothing */
  dataDir: string
  port?: number
  host?: string
  functions?: FunctionSource
  /** seed the demo brand into an empty data folder */
  seed?: boolean
  /** fire the functions' timer triggers on schedule (default: on, unless FANLOOP_TIMERS=off) */
  timers?: boolean
  /** the H5 build to serve; defaults to dist/h5 when it exists */
  staticDir?: string | null
  now?: () => number
  /** log one line per invocation with its database requests (default on, off under jest or FANLOOP_LOG=off) */
  logInvocations?: boolean
}

/**
 * What the local cloud does not reproduce, printed when it starts (as the Firebase emulators do), so
 * nobody takes a green local run for proof of these.
 */
export const NOT_EMULATED = [
  'database security rules (functions have admin access, as on the platform; the client never reads the database)',
  'plan quotas: database QPS, concurrent runs per function (here: calls queue for one of 20 instances), storage and message quotas',
  'cold starts, and the network between the function and the database',
  'cloudID encryption and its 5-minute expiry (local cloudIDs are base64url JSON; faults.openData fails them)',
  'openapi beyond wxacode.getUnlimited, subscribeMessage.send and security.getUserRiskRank; cloud.callFunction between functions; cloud pay',
  'temporary file URL expiry and storage permissions',
  "the 16 MB limit on a document, which on the cloud also bounds an aggregate's joined ($lookup) arrays"
]

export const LOCAL_APPID = 'wx-local-fanloop'
export const LOCAL_ENV = 'local'

/**
 * The local cloud's one lifecycle: start() opens the database (creating indexes from the repo's index
 * file), seeds the demo brand on first run, answers beneath the real wx-server-sdk (wire/install.ts)
 * and serves HTTP; stop() undoes it. Everything persists in dataDir, so a restart (or a kill -9) keeps what was acknowledged.
 */
export class LocalCloud {
  readonly db: LocalDatabase
  readonly platform: LocalPlatform
  readonly registry: FunctionRegistry
  /** platform failures to reproduce, switched by tests (wire/faults.ts); conflicts and timeouts on by default */
  readonly faults: PlatformFaults
  private server: http.Server | null = null
  private timers: TimerRunner | null = null
  private baseUrl = ''
  private readonly wireHost: WireHost
  private readonly log: boolean

  constructor(private readonly options: LocalCloudOptions) {
    const inMemory = options.dataDir === ':memory:'
    if (!inMemory) fs.mkdirSync(options.dataDir, { recursive: true })
    this.db = new LocalDatabase({ file: inMemory ? ':memory:' : path.join(options.dataDir, 'cloud.sqlite') })
    const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'cloud', 'indexes.json'), 'utf8')) as IndexSpec
    this.db.ensureIndexes(spec)
    const filesDir = inMemory ? fs.mkdtempSync(path.join(os.tmpdir(), 'fanloop-files-')) : path.join(options.dataDir, 'files')
    this.platform = new LocalPlatform(filesDir, () => this.baseUrl)
    const wire = createDatabaseWire(this.db, { conflicts: true })
    this.faults = new PlatformFaults((on) => wire.setConflicts(on))
    this.log = options.logInvocations ?? (process.env.FANLOOP_LOG !== 'off' && process.env.JEST_WORKER_ID === undefined)
    this.registry = new FunctionRegistry(FUNCTION_NAMES, options.functions ?? 'built', {
      appid: LOCAL_APPID,
      env: LOCAL_ENV,
      faults: this.faults,
      log: this.log
    })
    process.env.FANLOOP_SIGNING_KEY ??= LOCAL_SIGNING_KEY
    process.env.FANLOOP_POS_SECRET ??= LOCAL_POS_SECRET
    installWire()
    this.wireHost = {
      platform: this.platform,
      faults: this.faults,
      sendDb: (action, params) => wire.send(action, params as Record<string, unknown> | undefined)
    }
    bindWire(this.wireHost)
  }

  /** Seed the demo brand if the data folder is empty; returns whether it seeded. */
  async seedIfEmpty(): Promise<boolean> {
    const api = this.db.api()
    if (!(await isEmpty(api))) return false
    for (const s of STORES) {
      const image = await QRCode.toBuffer(`${s.name}粉丝群（示例群二维码）`, { type: 'png', width: 360, margin: 2 })
      await this.platform.saveFile(`demo/group-${s._id}.png`, image)
    }
    await seedDemo(api, (this.options.now ?? Date.now)())
    return true
  }

  async start(): Promise<{ url: string }> {
    if (this.options.seed) await this.seedIfEmpty()
    const defaultStatic = path.join(ROOT, 'dist', 'h5')
    const staticDir = this.options.staticDir !== undefined ? this.options.staticDir : fs.existsSync(defaultStatic) ? defaultStatic : null
    if ((this.options.functions ?? 'built') === 'built') this.registry.warm()
    this.server = createServer({ registry: this.registry, platform: this.platform, staticDir, personas: () => PERSONAS })
    const server = this.server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.options.port ?? DEFAULT_PORT, this.options.host ?? '127.0.0.1', () => resolve())
    })
    if (this.options.timers ?? process.env.FANLOOP_TIMERS !== 'off') {
      this.timers = new TimerRunner(loadTimerTriggers(ROOT, this.registry.names()), (fn, event) => this.registry.invoke(fn, event, undefined, 'timer'))
      this.timers.start()
    }
    const { port } = server.address() as AddressInfo
    this.baseUrl = `http://${this.options.host ?? '127.0.0.1'}:${port}`
    if (this.log) console.warn(['⚠  local cloud: not emulated (check these on a real env):', ...NOT_EMULATED.map((s) => `   - ${s}`)].join('\n'))
    return { url: this.baseUrl }
  }

  /** Call a function in-process as `openid`, exactly as POST /fn/<name> does. */
  call(name: string, event: unknown, openid: string | undefined): Promise<unknown> {
    return this.registry.invoke(name, event, openid)
  }

  async stop(): Promise<void> {
    this.timers?.stop()
    const server = this.server
    this.server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
    unbindWire(this.wireHost)
    this.db.close()
  }
}
