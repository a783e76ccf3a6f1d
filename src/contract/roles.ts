/** Who may call a function. Decided on the server from the caller's openid, never from the request. */
export type Role = 'shopper' | 'staff' | 'manager'

/**
 * `anyone`: any WeChat user (a first-time shopper has no record yet).
 * `staff`: active staff or managers. `manager`: managers only.
 */
export type Access = 'anyone' | 'staff' | 'manager'

export function roleMayCall(role: Role, access: Access): boolean {
  if (access === 'anyone') return true
  if (access === 'staff') return role === 'staff' || role === 'manager'
  return role === 'manager'
}
