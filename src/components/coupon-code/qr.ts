/**
 * A QR code encoder for exactly what a till needs: version 1 (21×21), error correction level M,
 * alphanumeric mode, up to 20 characters (an 8-character coupon code fits). No library: the shopper's
 * pages live in the weapp main package, where every kilobyte counts, and this is ~90 lines.
 * Follows ISO/IEC 18004 as laid out in Nayuki's reference implementation; pinned against `qrcode` in tests.
 */
const SIZE = 21
const DATA_CODEWORDS = 16
const EC_CODEWORDS = 10
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'

/** GF(256) multiplication modulo x^8 + x^4 + x^3 + x^2 + 1. */
function gfMul(x: number, y: number): number {
  let z = 0
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d)
    z ^= ((y >>> i) & 1) * x
  }
  return z & 0xff
}

function reedSolomon(data: number[]): number[] {
  const divisor = new Array<number>(EC_CODEWORDS).fill(0)
  divisor[EC_CODEWORDS - 1] = 1
  let root = 1
  for (let i = 0; i < EC_CODEWORDS; i++) {
    for (let j = 0; j < EC_CODEWORDS; j++) {
      divisor[j] = gfMul(divisor[j], root)
      if (j + 1 < EC_CODEWORDS) divisor[j] ^= divisor[j + 1]
    }
    root = gfMul(root, 2)
  }
  const rem = new Array<number>(EC_CODEWORDS).fill(0)
  for (const b of data) {
    const factor = b ^ (rem.shift() as number)
    rem.push(0)
    divisor.forEach((coef, i) => (rem[i] ^= gfMul(coef, factor)))
  }
  return rem
}

function codewords(text: string): number[] {
  const bits: number[] = []
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1)
  }
  put(0b0010, 4) // alphanumeric mode
  put(text.length, 9)
  for (let i = 0; i < text.length; i += 2) {
    const a = ALNUM.indexOf(text[i])
    if (i + 1 < text.length) put(a * 45 + ALNUM.indexOf(text[i + 1]), 11)
    else put(a, 6)
  }
  const capacity = DATA_CODEWORDS * 8
  put(0, Math.min(4, capacity - bits.length))
  put(0, (8 - (bits.length % 8)) % 8)
  const data: number[] = []
  for (let i = 0; i < bits.length; i += 8) data.push(parseInt(bits.slice(i, i + 8).join(''), 2))
  for (let pad = 0xec; data.length < DATA_CODEWORDS; pad ^= 0xec ^ 0x11) data.push(pad)
  return [...data, ...reedSolomon(data)]
}

/** Rows of modules, true = dark, without the quiet zone (leave 4 modules of white around it). */
export function qrMatrix(text: string, mask = 0): boolean[][] {
  if (text.length > 20 || [...text].some((ch) => !ALNUM.includes(ch))) throw new RangeError(`cannot encode ${text} in a version 1-M alphanumeric QR code`)
  const dark = Array.from({ length: SIZE }, () => new Array<boolean>(SIZE).fill(false))
  const fixed = Array.from({ length: SIZE }, () => new Array<boolean>(SIZE).fill(false))
  const set = (x: number, y: number, on: boolean) => {
    dark[y][x] = on
    fixed[y][x] = true
  }
  for (let i = 0; i < SIZE; i++) {
    set(6, i, i % 2 === 0)
    set(i, 6, i % 2 === 0)
  }
  for (const [cx, cy] of [
    [3, 3],
    [SIZE - 4, 3],
    [3, SIZE - 4]
  ]) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx
        const y = cy + dy
        const d = Math.max(Math.abs(dx), Math.abs(dy))
        if (x >= 0 && x < SIZE && y >= 0 && y < SIZE) set(x, y, d !== 2 && d !== 4)
      }
    }
  }
  // Format bits: level M (00) and the mask, BCH(15,5)-protected, XOR 0x5412; two copies, plus the dark module.
  let rem = mask
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537)
  const format = ((mask << 10) | rem) ^ 0x5412
  const bit = (i: number) => ((format >>> i) & 1) === 1
  for (let i = 0; i <= 5; i++) set(8, i, bit(i))
  set(8, 7, bit(6))
  set(8, 8, bit(7))
  set(7, 8, bit(8))
  for (let i = 9; i < 15; i++) set(14 - i, 8, bit(i))
  for (let i = 0; i < 8; i++) set(SIZE - 1 - i, 8, bit(i))
  for (let i = 8; i < 15; i++) set(8, SIZE - 15 + i, bit(i))
  set(8, SIZE - 8, true)

  const data = codewords(text)
  let n = 0
  for (let right = SIZE - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5
    for (let vert = 0; vert < SIZE; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j
        const y = ((right + 1) & 2) === 0 ? SIZE - 1 - vert : vert
        if (fixed[y][x]) continue
        const on = ((data[n >>> 3] >>> (7 - (n & 7))) & 1) === 1
        n++
        dark[y][x] = on !== MASKS[mask](x, y)
      }
    }
  }
  return dark
}

const MASKS: Array<(x: number, y: number) => boolean> = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0
]
