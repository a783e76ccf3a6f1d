import { cloud } from './cloud'

export const CHECKIN_PAGE = 'pages/checkin/index'

/**
 * A wxacode for `scene` opening `page` (the check-in page unless told), made once per cloud path (the wxacode quota is limited) and kept in cloud storage;
 * answers a temporary URL the page can show.
 */
export async function qrImageUrl(
  scene: string,
  cloudPath: string,
  knownFileId?: string,
  page: string = CHECKIN_PAGE
): Promise<{ fileId: string; url: string }> {
  let fileId = knownFileId
  if (!fileId) {
    const image = await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false, width: 430 })
    fileId = (await cloud.uploadFile({ cloudPath, fileContent: image.buffer })).fileID
  }
  const { fileList } = await cloud.getTempFileURL({ fileList: [fileId] })
  return { fileId, url: fileList[0]?.tempFileURL ?? '' }
}
