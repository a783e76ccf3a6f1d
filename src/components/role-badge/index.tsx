import { Text } from '@tarojs/components'
import type { Role } from '../../contract'
import { ROLE_LABEL } from '../format'
import './index.scss'

interface RoleBadgeProps {
  role: Role
}

export default function RoleBadge({ role }: RoleBadgeProps) {
  return <Text className={`role-badge role-badge-${role}`}>{ROLE_LABEL[role]}</Text>
}
