import { Text, View } from '@tarojs/components'
import type { CityCount } from '../../contract/nearby'

interface CityPickerProps {
  cities: CityCount[]
  current: string | null
  onPick: (city: string) => void
}

/** The cities the brand has stores in, most stores first; tapping one lists its stores. */
export default function CityPicker({ cities, current, onPick }: CityPickerProps) {
  return (
    <View className='city-picker'>
      {cities.map((c) => (
        <View key={c.city} className={`city-option ${c.city === current ? 'city-option-active' : ''}`} onClick={() => onPick(c.city)}>
          <Text>{c.city}</Text>
          <Text className='city-count'>{c.stores}</Text>
        </View>
      ))}
    </View>
  )
}
