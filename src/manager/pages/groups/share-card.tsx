import { Text, View } from '@tarojs/components'
import type { OutputOf } from '../../../contract'
import { percent } from '../../../components/leaderboard'
import './share-card.scss'

type Share = OutputOf<'groupCodes'>['groupShare']

/**
 * 入群率: the share of a store's fans who joined one of its groups (src/domain/group-share.ts). Shown on the
 * groups page (one store) and the KPI dashboard (one store, or every store in view, summed). The label
 * spells out the definition: "fans of the store" are the overview's fans, those who first checked in there.
 */
/** `ranged`: shown beside figures of a date range, which this all-time figure does not follow. */
export default function ShareCard({ share, stores, ranged }: { share: Share; stores: 'one' | 'many'; ranged?: boolean }) {
  const since = ranged ? '累计至今，不随统计期变化。' : '累计至今。'
  return (
    <View className='card group-share'>
      <View className='row'>
        <Text className='section-title'>社群入群率</Text>
        <Text className='group-share-value'>{percent(share.share)}</Text>
      </View>
      <Text className='group-share-counts'>
        入群粉丝 {share.members} / 门店粉丝 {share.fans}
      </Text>
      <Text className='muted group-share-note'>
        {stores === 'one'
          ? `门店粉丝：首次在本店签到的粉丝（同店长总览）；入群粉丝：其中加入过本店任一社群的人，加入多个群只算一次。${since}`
          : `各门店合计：门店粉丝为首次在该店签到的粉丝；入群粉丝为其中加入过该店社群的人，加入多个群只算一次。${since}`}
      </Text>
    </View>
  )
}
