import { Button, Input, Text, View } from '@tarojs/components'
import type { Draft } from './draft'
import { LOCATION_INPUT, pickLocation } from './pick-location'

interface Props {
  draft: Draft
  onChange: (patch: Partial<Draft>) => void
  onError: (message: string) => void
}

const point = (d: Draft) => {
  const [longitude, latitude] = [Number(d.longitude), Number(d.latitude)]
  return d.longitude && d.latitude && Number.isFinite(longitude) && Number.isFinite(latitude) ? { longitude, latitude } : null
}

/** The store's location: picked on WeChat's map (weapp) or typed as GCJ-02 numbers (H5). */
export default function LocationField({ draft, onChange, onError }: Props) {
  if (LOCATION_INPUT === 'typed') {
    return (
      <View className='store-field store-location'>
        <Text className='store-label'>位置（GCJ-02 坐标，可在高德或腾讯地图的坐标拾取器中查到）</Text>
        <View className='store-coords'>
          <Input
            className='store-input store-longitude'
            type='digit'
            placeholder='经度，如 121.44562'
            value={draft.longitude}
            onInput={(e) => onChange({ longitude: e.detail.value })}
          />
          <Input
            className='store-input store-latitude'
            type='digit'
            placeholder='纬度，如 31.22347'
            value={draft.latitude}
            onInput={(e) => onChange({ latitude: e.detail.value })}
          />
        </View>
      </View>
    )
  }

  const pick = async () => {
    try {
      const place = await pickLocation(point(draft))
      if (!place) return
      // The picked place's words fill only what the manager has not typed yet.
      onChange({
        longitude: String(place.longitude),
        latitude: String(place.latitude),
        ...(draft.address.trim() === '' && place.address ? { address: place.address } : {}),
        ...(draft.name.trim() === '' && place.name ? { name: place.name } : {})
      })
    } catch (err) {
      onError(err instanceof Error ? err.message : '无法打开地图选点')
    }
  }
  const here = point(draft)
  return (
    <View className='store-field store-location'>
      <Text className='store-label'>位置</Text>
      <Text className='muted store-coords-text'>{here ? `经度 ${here.longitude.toFixed(5)}，纬度 ${here.latitude.toFixed(5)}` : '还没有选点'}</Text>
      <Button className='btn btn-ghost store-pick' onClick={pick}>
        在地图上选点
      </Button>
    </View>
  )
}
