import Taro from '@tarojs/taro'
import { callFunction } from '../../api/client'

/**
 * Opened from a card inside a WeChat group: the share ticket gives the group's cloudID, which the
 * function decrypts to the openGId and records that this fan is in that real group. weapp only: on H5
 * getGroupEnterInfo is a stub that "succeeds" with nothing, so branch on the build, not the result.
 */
export async function reportShareTicket(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const { shareTicket } = Taro.getEnterOptionsSync()
  if (!shareTicket) return
  try {
    const info = (await Taro.getGroupEnterInfo({})) as { cloudID?: string }
    if (info.cloudID) await callFunction('linkGroupTicket', { ticket: info.cloudID })
  } catch {
    // Not opened from a group after all, or the user declined: nothing to record.
  }
}
