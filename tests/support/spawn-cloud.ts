import { contract, type FunctionName, type Result } from '../../src/contract'
import { checkAnswer } from './contract-check'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..', '..')

export interface RunningCloud {
  url: string
  dataDir: string
  child: ChildProcess
  /** POST /fn/<name> as `openid` */
  call<T = unknown>(name: string, event: unknown, openid?: string): Promise<T>
  stop(signal?: NodeJS.Signals): Promise<void>
}

/**
 * Starts the local cloud exactly as `npm start` does (scripts/start.ts, built function bundles, demo data)
 * in a child process on a free port, with its own data folder.
 */
export async function spawnCloud(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningCloud> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fanloop-cloud-'))
  // node itself with tsx as a loader, not the tsx CLI: the CLI runs the server as a grandchild, which a
  // SIGKILL of the CLI would orphan instead of killing.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env: { ...process.env, FANLOOP_DATA_DIR: dataDir, FANLOOP_PORT: '0', FANLOOP_TIMERS: 'off', FANLOOP_LOG: 'off', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start in 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /local cloud is running: (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`local cloud exited with ${code}:\n${output}`))
    })
  })
  const call = async <T>(name: string, event: unknown, openid?: string): Promise<T> => {
    const res = await fetch(`${url}/fn/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify(event)
    })
    const answer = (await res.json()) as Result<never>
    // every ok answer a test sees satisfies its contract (unknown names are left to the test asserting 404)
    return (name in contract ? checkAnswer(name as FunctionName, answer) : answer) as T
  }
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill(signal)
    })
  return { url, dataDir, child, call, stop }
}
