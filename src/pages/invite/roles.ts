import type { InviteKind } from '../../contract/onboarding'

export const KIND_LABEL: Record<InviteKind, string> = { staff: '导购', store_manager: '店长', brand_manager: '品牌管理员' }

/** Where a newly bound person lands: staff on their code (fans follow from there), managers on the overview. */
export const homeFor = (role: 'staff' | 'manager') => (role === 'staff' ? '/staff/pages/code/index' : '/manager/pages/overview/index')
