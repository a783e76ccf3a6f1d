import Taro from '@tarojs/taro'
import type { Transport } from './transport'

let initialised = false

/** On weapp, calls go through the platform; the env id is fixed at build time (FANLOOP_CLOUD_ENV). */
export const weappTransport: Transport = async (name, data) => {
  if (!initialised) {
    Taro.cloud.init({ env: FANLOOP_CLOUD_ENV, traceUser: true })
    initialised = true
  }
  const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> })
  return res.result
}
