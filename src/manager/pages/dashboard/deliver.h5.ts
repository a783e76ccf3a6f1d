/** H5: the CSV text becomes a download in the browser. */
export async function deliverCsv(result: { filename: string; csv: string | null; url: string | null }): Promise<void> {
  if (result.csv === null) throw new Error('no csv')
  const url = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = result.filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export const EXPORT_UPLOADS = false
