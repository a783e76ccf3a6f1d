import { defineFunction } from './_lib/define'

// Stub: the store-management journey replaces this.
export const main = defineFunction('storeAdmin', async () => ({ stores: [] }))
