import Taro from '@tarojs/taro'

/** weapp: no file download in a mini program; the JSON is copied, to paste into a chat with oneself or a note. */
export async function deliverJson(json: string, _filename: string): Promise<string> {
  await Taro.setClipboardData({ data: json })
  return '已复制全部数据，可粘贴到聊天或备忘录保存'
}

export const DELIVER_LABEL = '复制我的数据'
