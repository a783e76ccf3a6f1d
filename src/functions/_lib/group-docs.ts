import type { Channel } from '../../contract'
import type { GroupDoc } from './docs'

/** A store group code as stored: GroupDoc plus what uploads and share tickets add (absent on older docs). */
export interface GroupCodeDoc extends GroupDoc {
  /** cloud storage file of the QR; resolved to a URL on each read, since temporary URLs expire */
  qrFileId?: string
  /** when the QR was uploaded: WeChat's 7-day limit counts from here */
  uploadedAt?: number
  /** the last China day the manager said it is valid on */
  validUntil?: string
  /** the real WeChat group, once linked through a share ticket */
  openGId?: string | null
}

/** "I've joined": one per fan and group (_id `${groupId}.${fanId}`), so a repeat tap is a no-op. */
export interface GroupMemberDoc {
  _id: string
  groupId: string
  storeId: string
  fanId: string
  /** the channel that brought the fan in (FanDoc.channel) */
  channel: Channel
  ownerStaffId: string | null
  joinedAt: number
  dayKey: string
}

/** The fan opened a card inside a real WeChat group (_id `${openGId}.${fanId}`). */
export interface GroupSightingDoc {
  _id: string
  openGId: string
  fanId: string
  groupId: string | null
  firstSeenAt: number
  lastSeenAt: number
}

/** A real WeChat group linked to one of our store groups (_id = openGId). */
export interface GroupLinkDoc {
  _id: string
  groupId: string
  storeId: string
  linkedBy: string
  linkedAt: number
}

/** Sent once per store and last expiry (_id `${storeId}.${lastExpiresAt}`), however many times it is checked. */
export interface GroupAlertDoc {
  _id: string
  storeId: string
  kind: 'none_usable' | 'expiring'
  lastExpiresAt: number | null
  sentTo: number
  at: number
}
