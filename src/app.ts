import type { PropsWithChildren } from 'react'
import './app.scss'

// Taro.cloud.init happens lazily in the weapp transport, so the app shell has nothing to set up.
function App({ children }: PropsWithChildren) {
  return children
}

export default App
