import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/**
 * A new store's id: 'st' and 8 random base-36 characters (~41 bits), 10 in all. Store ids ride in the
 * signed store-code scene, which allows at most 12 (src/domain/scene.ts), and fit the contract's Id.
 * Random rather than "highest + 1": two managers adding at once cannot pick the same one, and a clash
 * is refused by the primary key anyway (the caller mints again).
 */
export function newStoreId(): string {
  const bytes = randomBytes(8)
  let id = 'st'
  for (const b of bytes) id += ALPHABET[b % 36]
  return id
}
