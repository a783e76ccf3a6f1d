import { create } from 'zustand'

/**
 * The H5 build's stand-in for "which WeChat user is this": the local cloud's persona switcher.
 * On weapp the platform decides identity and this store is never read.
 */
export interface Persona {
  openid: string
  label: string
  role: 'shopper' | 'staff' | 'manager'
}

const STORAGE_KEY = 'fanloop.persona'
const DEFAULT_OPENID = 'demo-shopper-1'

function readStored(): string {
  try {
    return (typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY)) || DEFAULT_OPENID
  } catch {
    return DEFAULT_OPENID
  }
}

interface PersonaState {
  openid: string
  setOpenid: (openid: string) => void
}

export const usePersona = create<PersonaState>((set) => ({
  openid: readStored(),
  setOpenid: (openid) => {
    try {
      localStorage.setItem(STORAGE_KEY, openid)
    } catch {
      // private mode: the choice lasts for this page only
    }
    set({ openid })
  }
}))

export function currentOpenid(): string {
  return usePersona.getState().openid
}
