/** H5: the export becomes a JSON file download (a Blob link), which the shopper keeps. */
export async function deliverJson(json: string, filename: string): Promise<string> {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.className = 'privacy-download-link'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return `已下载 ${filename}`
}

export const DELIVER_LABEL = '下载我的数据'
