import { randomBytes } from 'node:crypto'
import type { InviteKind, InviteView } from '../../contract/onboarding'
import { managerStoreScope } from './caller'
import { db } from './cloud'
import { untilSettled } from './coupons'
import type { StaffDoc } from './docs'
import { AppError, isDuplicateWrite } from './errors'

export const INVITES = 'invites'
export const INVITE_PAGE = 'pages/invite/index'
export const INVITE_TTL_MS = 7 * 24 * 3600_000

export interface InviteDoc {
  _id: string
  kind: InviteKind
  storeId: string
  storeName: string
  /** suggested by the inviter; the invitee confirms it */
  name: string
  createdBy: string
  createdByName: string
  createdAt: number
  expiresAt: number
  status: 'pending' | 'accepted' | 'revoked'
  acceptedBy?: string
  acceptedAt?: number
  staffId?: string
  revokedAt?: number
  revokedBy?: string
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'

/** Unguessable (~115 bits), scene-safe, no look-alike characters. */
export function randomToken(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length]
  return out
}

/** The invite's scene in its wxacode: `I.` + token, 22 characters (the platform allows 32). */
export const inviteScene = (inviteId: string) => `I.${inviteId}`

/** The staff id an invite binds: fixed by the invite, so two winners could not both write one. ≤ 12 chars (scenes carry it). */
export const staffIdFor = (inviteId: string) => `sf${inviteId.slice(0, 10)}`

export const isBrandManager = (s: StaffDoc) => s.role === 'manager' && s.managesStoreIds === null

/**
 * Who may invite whom: a brand manager anyone into any store; a store manager staff into a store they
 * manage, never a manager of any kind.
 */
export function assertMayInvite(inviter: StaffDoc, kind: InviteKind, storeId: string): void {
  if (inviter.role !== 'manager') throw new AppError('FORBIDDEN')
  if (isBrandManager(inviter)) return
  if (kind !== 'staff') throw new AppError('FORBIDDEN', '店长只能邀请本店导购')
  const scope = managerStoreScope(inviter)
  if (scope && !scope.includes(storeId)) throw new AppError('FORBIDDEN', '只能邀请自己负责门店的导购')
}

export function inviteStatus(doc: InviteDoc, now: number): InviteView['status'] {
  return doc.status === 'pending' && doc.expiresAt <= now ? 'expired' : doc.status
}

export function inviteView(doc: InviteDoc, now: number): InviteView {
  return {
    inviteId: doc._id,
    kind: doc.kind,
    storeId: doc.storeId,
    storeName: doc.storeName,
    name: doc.name,
    invitedBy: doc.createdByName,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    status: inviteStatus(doc, now)
  }
}

export function staffFor(kind: InviteKind, staffId: string, openid: string, name: string, storeId: string): StaffDoc {
  const base = { _id: staffId, openid, name, storeId, active: true, codeVersion: 1 }
  if (kind === 'staff') return { ...base, role: 'staff' }
  return { ...base, role: 'manager', managesStoreIds: kind === 'brand_manager' ? null : [storeId] }
}

const missing = () => null

/**
 * Binds the opener exactly once. The invite is read and marked inside one transaction: of concurrent
 * openers one commits, each other one conflicts, runs again and reads the invite as used. The staff
 * record carries an id fixed by the invite, so even a write that slipped past would clash on the key.
 */
export async function acceptOnce(inviteId: string, openid: string, name: string, now: number): Promise<{ invite: InviteDoc; staff: StaffDoc }> {
  try {
    return await untilSettled(
      () =>
        db.runTransaction(async (tx) => {
          const invite = await tx
            .collection(INVITES)
            .doc(inviteId)
            .get()
            .then((r) => r.data as InviteDoc, missing)
          if (!invite) throw new AppError('NOT_FOUND', '邀请不存在')
          if (invite.status === 'accepted' && invite.acceptedBy === openid && invite.staffId) {
            const staff = (await tx.collection('staff').doc(invite.staffId).get()).data as StaffDoc
            return { invite, staff }
          }
          refuseUnusable(invite, now)
          const staff = staffFor(invite.kind, staffIdFor(invite._id), openid, name, invite.storeId)
          await tx
            .collection(INVITES)
            .doc(invite._id)
            .update({ data: { status: 'accepted', acceptedBy: openid, acceptedAt: now, staffId: staff._id } })
          await tx.collection('staff').add({ data: staff })
          return { invite: { ...invite, status: 'accepted' as const, acceptedBy: openid, acceptedAt: now, staffId: staff._id }, staff }
        }),
      10
    )
  } catch (err) {
    if (isDuplicateWrite(err)) throw new AppError('INVALID_CODE', '这个邀请已被使用')
    throw err
  }
}

export function refuseUnusable(invite: InviteDoc, now: number): void {
  if (invite.status === 'accepted') throw new AppError('INVALID_CODE', '这个邀请已被使用')
  if (invite.status === 'revoked') throw new AppError('INVALID_CODE', '这个邀请已被撤销')
  if (invite.expiresAt <= now) throw new AppError('INVALID_CODE', '这个邀请已过期，请联系店长重新邀请')
}
