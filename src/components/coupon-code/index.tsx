import { useMemo } from 'react'
import { Text, View } from '@tarojs/components'
import { qrMatrix } from './qr'
import './index.scss'

interface CouponCodeProps {
  code: string
  /** a short line under the code, e.g. what to tell the staff member */
  hint?: string
}

/**
 * What the shopper holds up at the till: a QR code the staff page scans, and the same code in large
 * type for typing in where scanning is not available. Drawn with plain views so it looks the same
 * in the mini program and on H5, with no canvas and no image request.
 */
export default function CouponCode({ code, hint = '结账时请出示给店员扫码或输入券码' }: CouponCodeProps) {
  const rows = useMemo(() => qrMatrix(code), [code])
  return (
    <View className='coupon-code'>
      <View className='coupon-code-qr' aria-label={`券码 ${code} 的二维码`}>
        {rows.map((row, y) => (
          <View key={y} className='coupon-code-row'>
            {row.map((dark, x) => (
              <View key={x} className={dark ? 'coupon-code-cell coupon-code-dark' : 'coupon-code-cell'} />
            ))}
          </View>
        ))}
      </View>
      <Text className='coupon-code-text'>{code.replace(/(.{4})(.{4})/, '$1 $2')}</Text>
      <Text className='coupon-code-hint'>{hint}</Text>
    </View>
  )
}
