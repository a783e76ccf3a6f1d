import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { contentType } from './http'

/**
 * The H5 build as a CDN would serve it to a phone on a mobile network: compressed (brotli, else gzip)
 * and cacheable. A shopper's first scan downloads the check-in page's scripts once; webpack names them
 * by content hash (`js/app.1a2b3c4d.js`), so those are cached for a year and never revalidated, while
 * `index.html` (which names the current hashes) is revalidated on every visit.
 */

const COMPRESSIBLE = /\.(?:js|css|html|json|svg|txt|map)$/i
// webpack's [hash:8] / [chunkhash] in config/index.ts: a dot, 8+ hex digits, then the extension
const HASHED = /\.[0-9a-f]{8,}\.(?:js|css)$/i
const MIN_COMPRESS_BYTES = 512

interface Encoded {
  mtimeMs: number
  etag: string
  raw: Buffer
  br: Buffer | null
  gzip: Buffer | null
}

// Compressing at brotli's best level takes tens of ms for the app bundle: done once per file version.
const cache = new Map<string, Encoded>()

function load(file: string, stat: fs.Stats): Encoded {
  const hit = cache.get(file)
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit
  const raw = fs.readFileSync(file)
  const compress = COMPRESSIBLE.test(file) && raw.length >= MIN_COMPRESS_BYTES
  const entry: Encoded = {
    mtimeMs: stat.mtimeMs,
    etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
    raw,
    br: compress
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : null,
    gzip: compress ? zlib.gzipSync(raw, { level: 9 }) : null
  }
  cache.set(file, entry)
  return entry
}

/** The best encoding the client accepts (by the Accept-Encoding names only; q-values are not weighed). */
function pick(accept: string, entry: Encoded): { body: Buffer; encoding: string | null } {
  const names = accept
    .toLowerCase()
    .split(',')
    .map((s) => s.split(';')[0].trim())
  if (entry.br && names.includes('br')) return { body: entry.br, encoding: 'br' }
  if (entry.gzip && names.includes('gzip')) return { body: entry.gzip, encoding: 'gzip' }
  return { body: entry.raw, encoding: null }
}

/** Serves `file` if it exists; false otherwise (so the caller can fall back). */
export function serveFile(req: http.IncomingMessage, res: http.ServerResponse, file: string | null): boolean {
  if (!file) return false
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    return false
  }
  if (!stat.isFile()) return false
  const entry = load(file, stat)
  const headers: Record<string, string> = {
    'content-type': contentType(file),
    etag: entry.etag,
    vary: 'accept-encoding',
    'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'
  }
  if (req.headers['if-none-match'] === entry.etag) {
    res.writeHead(304, headers)
    res.end()
    return true
  }
  const { body, encoding } = pick(String(req.headers['accept-encoding'] ?? ''), entry)
  if (encoding) headers['content-encoding'] = encoding
  headers['content-length'] = String(body.length)
  res.writeHead(200, headers)
  res.end(req.method === 'HEAD' ? undefined : body)
  return true
}

/** The H5 app: a file under `root`, or index.html for any other path (the app routes by hash). */
export function serveApp(req: http.IncomingMessage, res: http.ServerResponse, root: string, pathname: string): boolean {
  const base = path.resolve(root)
  let wanted: string
  try {
    wanted = path.resolve(base, '.' + decodeURIComponent(pathname))
  } catch {
    return false
  }
  if (wanted.startsWith(base + path.sep) && serveFile(req, res, wanted)) return true
  return serveFile(req, res, path.join(base, 'index.html'))
}
