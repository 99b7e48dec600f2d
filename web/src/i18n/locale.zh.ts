// The zh-CN chunk: the app's dictionary and antd's, loaded together and only when zh-CN is the language.
export { default as antdLocale } from 'antd/locale/zh_CN';
export { zh as dict } from './zh';
