import { Button, Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { OutputOf } from '../../../contract'
import MemberEdit, { type MemberRole, type StoreChoice } from './member-edit'

type Member = OutputOf<'teamList'>['members'][number]

interface MemberRowProps {
  member: Member
  colleagues: Member[]
  onRevoke: (m: Member) => void
  onHandOver: (m: Member, toStaffId: string | null) => void
  /** given only where the caller may change this person's store or role (src/domain/member-edit.ts) */
  edit?: { stores: StoreChoice[]; onSave: (m: Member, storeId: string, role: MemberRole) => Promise<boolean> }
}

/**
 * One staff member: fans, a button to void their codes, the hand-over of their fans when they leave, and
 * (for a brand manager) a change of store or role.
 */
export default function MemberRow({ member, colleagues, onRevoke, onHandOver, edit }: MemberRowProps) {
  const targets = [{ staffId: null as string | null, name: '归门店' }, ...colleagues.filter((c) => c.active && c.staffId !== member.staffId)]
  const [target, setTarget] = useState(0)
  return (
    <View className={`card team-member ${member.active ? '' : 'team-member-inactive'}`}>
      <View className='row-between'>
        <Text className='team-name'>
          {member.name}
          {member.brandWide ? '（品牌运营）' : member.role === 'manager' ? '（店长）' : ''}
          {member.active ? '' : '（已停用）'}
        </Text>
        <Text className='muted'>粉丝 {member.fans}</Text>
      </View>
      {member.active ? (
        <View className='team-actions'>
          <Button className='btn btn-small team-revoke' onClick={() => onRevoke(member)}>
            作废二维码
          </Button>
          <Picker mode='selector' range={targets.map((t) => t.name)} value={target} onChange={(e) => setTarget(Number(e.detail.value))}>
            <View className='team-target'>转给：{targets[target]?.name}</View>
          </Picker>
          <Button className='btn btn-small btn-danger team-hand-over' onClick={() => onHandOver(member, targets[target]?.staffId ?? null)}>
            离职并转移粉丝
          </Button>
        </View>
      ) : null}
      {edit ? (
        <MemberEdit storeId={member.storeId} role={member.role} stores={edit.stores} onSave={(storeId, role) => edit.onSave(member, storeId, role)} />
      ) : null}
    </View>
  )
}
