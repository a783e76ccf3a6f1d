import QRCode from 'qrcode'
import { qrMatrix } from '../../src/components/coupon-code/qr'

/**
 * The hand-written encoder must produce, module for module, what an established encoder produces in the
 * same mode (all-digit codes are encoded alphanumerically too: valid, and one code path).
 */
function reference(text: string, mask: number): boolean[][] {
  const qr = QRCode.create([{ data: text, mode: 'alphanumeric' }], { version: 1, errorCorrectionLevel: 'M', maskPattern: mask as QRCode.QRCodeMaskPattern })
  const { size, data } = qr.modules
  return Array.from({ length: size }, (_, y) => Array.from({ length: size }, (_, x) => data[y * size + x] === 1))
}

describe('coupon QR code (version 1-M, alphanumeric)', () => {
  it.each(['7K3MPQ2R', '00000000', 'ZZZZZZZZ', 'A', 'HELLO WORLD', '12345678901234567890'])('matches the qrcode package for %s with every mask', (text) => {
    for (let mask = 0; mask < 8; mask++) expect(qrMatrix(text, mask)).toEqual(reference(text, mask))
  })

  it('refuses what it cannot encode', () => {
    expect(() => qrMatrix('lowercase')).toThrow(RangeError)
    expect(() => qrMatrix('123456789012345678901')).toThrow(RangeError)
  })
})
