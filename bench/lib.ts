import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..')
export const BENCH_KEY = 'bench-signing-key-0123456789abcdef'

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits))

/** The local cloud as npm start runs it, in its own process (its own core), on a given data folder. */
export async function spawnLocalCloud(dataDir: string): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  // BENCH_PROFILE_DIR=<dir> writes a CPU profile of the local cloud under load.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env: { ...process.env, FANLOOP_DATA_DIR: dataDir, FANLOOP_PORT: '0', FANLOOP_SIGNING_KEY: BENCH_KEY, FANLOOP_TIMERS: 'off', FANLOOP_LOG: 'off' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /running: (http:\/\/\S+)/.exec(out)
      if (m) resolve(m[1])
    })
    child.once('exit', (code) => reject(new Error(`local cloud exited (${code}): ${out}`)))
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return { url, child, stop }
}

/**
 * Runs `total` requests from `concurrency` clients; returns each request's latency in ms and the wall time.
 * Without `rate`, each client sends its next request as soon as the last is answered. With `rate` (per
 * second) request i is due at start + i / rate and its latency counts from then, not from when a client
 * got round to sending it, so a server that falls behind is charged for the wait (no coordinated omission).
 * `missed` counts the paced requests no client was free to send within LATE_MS of when they were due:
 * the offered rate was not kept up, and the run says so rather than pass off a slower rate as the asked one.
 */
export const LATE_MS = 100

export async function drive(
  total: number,
  concurrency: number,
  request: (i: number) => Promise<void>,
  rate?: number
): Promise<{ latencies: number[]; seconds: number; missed: number }> {
  const latencies: number[] = []
  let next = 0
  let missed = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++
        const t0 = rate === undefined ? performance.now() : started + (i * 1000) / rate
        const wait = t0 - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        else if (rate !== undefined && -wait > LATE_MS) missed++
        await request(i)
        latencies.push(performance.now() - t0)
      }
    })
  )
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000, missed }
}

/**
 * POSTs JSON over keep-alive connections. Node's fetch costs the load generator more CPU per request than
 * the local cloud spends answering it, which would measure the client; plain http.request does not.
 * A request sent on a kept-alive socket that the server closed at that very moment fails with ECONNRESET
 * before the server read it; as Node's documentation advises, that one case is sent again on a new
 * socket (counted in `resent`), so a slow host cannot end a run without its RESULT line.
 */
export function jsonPoster(
  baseUrl: string,
  sockets: number
): ((path: string, body: unknown, headers?: Record<string, string>) => Promise<unknown>) & { resent: () => number } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  const { hostname, port } = new URL(baseUrl)
  let resent = 0
  const send = (path: string, text: string, headers: Record<string, string>, retry: boolean): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { agent, hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
            } catch (err) {
              reject(err)
            }
          })
        }
      )
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (retry && req.reusedSocket && err.code === 'ECONNRESET') {
          resent++
          resolve(send(path, text, headers, false))
        } else reject(err)
      })
      req.end(text)
    })
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => send(path, JSON.stringify(body), headers, true)
  return Object.assign(post, { resent: () => resent })
}
