/**
 * Who may change a team member's store or role (团队与二维码 → 调整门店/角色). Pure, so the server and the
 * page decide the same way: the page hides the control where the server would refuse.
 *
 * - Only a brand manager (scope null) edits. A store manager's people are hers to invite, re-code and hand
 *   over, but moving someone to another store or making them 店长 changes two stores or the brand's
 *   structure, which is the brand manager's call.
 * - Nobody changes a brand manager this way, nor themselves (a brand manager cannot demote herself and
 *   leave the brand without one).
 * - A person who has left (inactive) is not edited: they come back through a new invite.
 */
export interface EditableMember {
  staffId: string
  active: boolean
  /** a manager of the whole brand */
  brandWide: boolean
}

export type MemberEditRefusal = 'not_brand_manager' | 'self' | 'brand_manager' | 'inactive'

export function memberEditRefusal(callerScope: readonly string[] | null, callerStaffId: string, target: EditableMember): MemberEditRefusal | null {
  if (callerScope !== null) return 'not_brand_manager'
  if (target.staffId === callerStaffId) return 'self'
  if (target.brandWide) return 'brand_manager'
  if (!target.active) return 'inactive'
  return null
}

export const MEMBER_EDIT_REFUSALS: Record<MemberEditRefusal, { code: 'FORBIDDEN' | 'CONFLICT'; message: string }> = {
  not_brand_manager: { code: 'FORBIDDEN', message: '只有品牌运营可以调整门店或角色' },
  self: { code: 'FORBIDDEN', message: '不能调整自己的门店或角色' },
  brand_manager: { code: 'FORBIDDEN', message: '不能在这里调整品牌运营' },
  inactive: { code: 'CONFLICT', message: '该成员已离职，不能调整' }
}
