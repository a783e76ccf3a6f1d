// babel-preset-taro compiles the app for weapp and H5 (TypeScript + React).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]]
}
