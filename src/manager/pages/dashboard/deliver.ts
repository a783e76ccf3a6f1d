import Taro from '@tarojs/taro'

/** weapp: the CSV is a file in cloud storage; the manager gets its link to open in a browser or forward. */
export async function deliverCsv(result: { filename: string; csv: string | null; url: string | null }): Promise<void> {
  if (!result.url) throw new Error('no file link')
  await Taro.setClipboardData({ data: result.url })
  await Taro.showModal({ title: '已生成 CSV', content: `${result.filename}\n下载链接已复制，可在电脑浏览器中打开（链接有效期有限）`, showCancel: false })
}

export const EXPORT_UPLOADS = true
