import { randomUUID } from 'node:crypto'
import { failure } from '../contract'
import { loadFunction, loadTimeouts, type CloudMain, type FunctionSource } from './functions'
import { runInvocation, type Invocation } from './wire/context'
import type { PlatformFaults } from './wire/faults'

/** Per-function figures for GET /dev/stats: what each call costs in database requests on the platform. */
export interface FunctionStats {
  calls: number
  requests: number
  last: number
  max: number
  timeouts: number
}

export interface RegistryOptions {
  appid: string
  env: string
  faults: PlatformFaults
  /** one line per invocation: `[fn checkin] 6 db requests, 12 ms` */
  log: boolean
}

/**
 * Instances per function: calls beyond this many wait for a free instance, and a call's timeout runs
 * from when an instance takes it, as on the platform (where instances run in parallel and the clock
 * is the instance's). Without it a thousand calls at once in this one thread would all share one clock.
 */
export const INSTANCES_PER_FUNCTION = 20

class Instances {
  private busy = 0
  private readonly waiting: Array<() => void> = []

  async acquire(): Promise<void> {
    if (this.busy < INSTANCES_PER_FUNCTION) {
      this.busy++
      return
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.busy--
  }
}

/**
 * The functions the local cloud serves, loaded once each (like a warm instance) and invoked in the
 * caller's WeChat context. A function that throws is answered like the platform would not: as
 * INTERNAL with no stack, so that a crash is visible in tests without leaking anything. A function
 * still running at its deploy timeout is killed there (nothing it sends afterwards is answered) and
 * answered TIMEOUT, where wx.cloud.callFunction would get errCode -504003 "Invoking task timed out".
 */
export class FunctionRegistry {
  private readonly loaded = new Map<string, CloudMain>()
  private readonly timeouts: Map<string, number>
  readonly stats = new Map<string, FunctionStats>()
  private readonly instances = new Map<string, Instances>()

  constructor(
    private readonly available: readonly string[],
    private readonly source: FunctionSource,
    private readonly opts: RegistryOptions
  ) {
    this.timeouts = loadTimeouts(available)
  }

  names(): string[] {
    return [...this.available]
  }

  has(name: string): boolean {
    return this.available.includes(name)
  }

  private main(name: string): CloudMain {
    let fn = this.loaded.get(name)
    if (!fn) {
      fn = loadFunction(name, this.source)
      this.loaded.set(name, fn)
    }
    return fn
  }

  /**
   * Loads every function now, as warm instances: the first call of each would otherwise pay for loading
   * its bundle (and the first of all for wx-server-sdk itself) inside its timeout.
   */
  warm(): void {
    for (const name of this.available) this.main(name)
  }

  /** The limit this call runs under, in ms, or null when timeouts are switched off. */
  timeoutOf(name: string): number | null {
    const { faults } = this.opts
    if (!faults.timeouts) return null
    return faults.timeoutMs ?? this.timeouts.get(name) ?? 3000
  }

  async invoke(name: string, event: unknown, openid: string | undefined, source = 'wx_client'): Promise<unknown> {
    const inv: Invocation = { fn: name, openid, appid: this.opts.appid, env: this.opts.env, source, requests: 0, killed: false }
    let pool = this.instances.get(name)
    if (!pool) {
      pool = new Instances()
      this.instances.set(name, pool)
    }
    await pool.acquire()
    const started = performance.now()
    const limit = this.timeoutOf(name)
    let timer: NodeJS.Timeout | undefined
    let answer: unknown
    try {
      // the fields of the SCF context the platform passes as main's second argument
      const context = {
        request_id: `local-${randomUUID()}`,
        function_name: name,
        function_version: '$LATEST',
        namespace: this.opts.env,
        memory_limit_in_mb: 256,
        time_limit_in_ms: limit ?? 0
      }
      const run = runInvocation(inv, async () => this.main(name)(event, context))
      const killed = new Promise<'killed'>((resolve) => {
        if (limit !== null) timer = setTimeout(() => resolve('killed'), limit)
      })
      const outcome = await Promise.race([run, killed])
      if (outcome === 'killed' && !inv.killed) {
        inv.killed = true
        run.catch(() => undefined)
        console.error(`[local cloud] ${name} timed out after ${limit} ms: killed (-504003 Invoking task timed out)`)
        answer = failure('TIMEOUT')
      } else {
        answer = outcome
      }
    } catch (err) {
      console.error(`[local cloud] ${name} threw: ${err instanceof Error ? err.message : String(err)}`)
      answer = failure('INTERNAL')
    } finally {
      clearTimeout(timer)
      pool.release()
    }
    this.record(inv, performance.now() - started)
    return answer
  }

  private record(inv: Invocation, ms: number): void {
    const s = this.stats.get(inv.fn) ?? { calls: 0, requests: 0, last: 0, max: 0, timeouts: 0 }
    s.calls++
    s.requests += inv.requests
    s.last = inv.requests
    s.max = Math.max(s.max, inv.requests)
    if (inv.killed) s.timeouts++
    this.stats.set(inv.fn, s)
    if (this.opts.log) console.log(`[fn ${inv.fn}] ${inv.requests} db requests, ${Math.round(ms)} ms${inv.killed ? ' (timed out)' : ''}`)
  }
}
