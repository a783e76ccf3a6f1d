import Taro from '@tarojs/taro'

/**
 * Asks before something that cannot be taken back in one tap, saying what will happen. Resolves true
 * only on the confirm button; a closed or failed dialog counts as "no".
 */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#fa5151' })
    return res.confirm
  } catch {
    return false
  }
}
