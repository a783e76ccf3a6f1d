import { failure } from '../contract'
import { loadFunction, type CloudMain, type FunctionSource } from './functions'
import { runAs } from './sdk/runtime'

/**
 * The functions the local cloud serves, loaded once each (like a warm instance) and invoked in the
 * caller's WeChat context. A function that throws is answered like the platform would not: as
 * INTERNAL with no stack, so that a crash is visible in tests without leaking anything.
 */
export class FunctionRegistry {
  private readonly loaded = new Map<string, CloudMain>()

  constructor(
    private readonly available: readonly string[],
    private readonly source: FunctionSource
  ) {}

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

  async invoke(name: string, event: unknown, openid: string | undefined): Promise<unknown> {
    try {
      return await runAs(openid, 'wx_client', () => this.main(name)(event, {}))
    } catch (err) {
      console.error(`[local cloud] ${name} threw: ${err instanceof Error ? err.message : String(err)}`)
      return failure('INTERNAL')
    }
  }
}
