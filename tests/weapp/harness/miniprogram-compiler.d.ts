declare module 'miniprogram-compiler' {
  interface Options {
    maxBuffer?: number
    cut?: boolean
  }
  const compiler: {
    /** the body of a function returning `$gwx` for every WXML file under `root` */
    wxmlToJs(root: string, options?: Options): string
    /** the body of a function returning a path → style lookup; throws on a WXSS error */
    wxssToJs(root: string, options?: Options): string
  }
  export default compiler
}
