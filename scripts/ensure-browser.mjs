#!/usr/bin/env node
/**
 * The end-to-end tests drive Debian's Chromium (no browser download: this network reaches only the
 * npm and Debian registries). Find it, or install it with apt when running as root, or say exactly
 * what is missing. Chinese glyphs in screenshots need fonts-wqy-zenhei.
 */
import { execSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean)
const FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'

const found = () => CANDIDATES.find((p) => fs.existsSync(p))
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0

function aptInstall(pkgs) {
  if (!isRoot) return false
  console.log(`installing ${pkgs.join(' ')} with apt-get …`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  return spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env }).status === 0
}

const missing = []
if (!found()) missing.push('chromium')
if (!fs.existsSync(FONT)) missing.push('fonts-wqy-zenhei')
if (missing.length) aptInstall(missing)

const browser = found()
if (!browser) {
  console.error(`Chromium not found (looked at ${CANDIDATES.join(', ')}). Install it: sudo apt-get install chromium fonts-wqy-zenhei, or set CHROMIUM_PATH.`)
  process.exit(1)
}
if (!fs.existsSync(FONT)) console.warn('fonts-wqy-zenhei is missing: screenshots will show boxes instead of Chinese (sudo apt-get install fonts-wqy-zenhei).')
console.log(`browser: ${browser} (${execSync(`${browser} --version`).toString().trim()})`)
