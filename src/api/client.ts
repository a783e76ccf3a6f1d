// Errors only, and types: importing the contract's values would pull zod into the weapp main package.
import { failure, isErrorCode, type Result } from '../contract/errors'
import type { FunctionName, InputOf, OutputOf } from '../contract/functions'
import type { Transport } from './transport'
import { h5Transport } from './transport.h5'
import { weappTransport } from './transport.weapp'

// Branch on the build target, never on what a call returns: Taro's H5 stubs of Taro.cloud resolve "successfully".
let transport: Transport = process.env.TARO_ENV === 'weapp' ? weappTransport : h5Transport

/** Tests swap the transport; the app never does. */
export function useTransport(next: Transport): void {
  transport = next
}

/**
 * Call a cloud function with a request the contract accepts; answers the function's Result.
 * Network failures and malformed answers become a Failure too, so pages handle one shape.
 */
export async function callFunction<N extends FunctionName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>> {
  try {
    const raw = (await transport(name, input)) as { ok?: unknown; code?: unknown; message?: unknown; data?: unknown } | null
    if (raw && raw.ok === true) return { ok: true, data: raw.data as OutputOf<N> }
    if (raw && raw.ok === false && isErrorCode(raw.code)) {
      return failure(raw.code, typeof raw.message === 'string' ? raw.message : undefined)
    }
    return failure('INTERNAL')
  } catch (err) {
    // On weapp a function killed at its timeout rejects with -504003; H5's local cloud answers TIMEOUT itself.
    if ((err as { errCode?: unknown } | null)?.errCode === -504003) return failure('TIMEOUT')
    return failure('BUSY', '网络不稳定，请稍后再试')
  }
}
