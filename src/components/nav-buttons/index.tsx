import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'

export interface NavLink {
  /** becomes the class `nav-<name>`, which tests and styles find the button by */
  name: string
  label: string
  url: string
  primary?: boolean
}

/** A column of buttons, each opening a page: the way into every journey from home and the overview. */
export default function NavButtons({ links }: { links: readonly NavLink[] }) {
  return (
    <>
      {links.map((l) => (
        <Button key={l.name} className={`btn ${l.primary ? 'btn-primary' : 'btn-ghost'} nav-${l.name}`} onClick={() => Taro.navigateTo({ url: l.url })}>
          {l.label}
        </Button>
      ))}
    </>
  )
}
