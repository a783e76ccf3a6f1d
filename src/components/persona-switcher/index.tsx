// The persona switcher exists only against the local cloud (H5); see index.h5.tsx.
// On weapp WeChat itself decides who the caller is, so this stub renders nothing.
export interface PersonaSwitcherProps {
  /** called after the persona changed, so the page can reload what it shows */
  onChange?: (openid: string) => void
}

export default function PersonaSwitcher(_props: PersonaSwitcherProps) {
  return null
}
