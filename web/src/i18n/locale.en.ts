// The English chunk: the app's dictionary and antd's, loaded only when someone reads the app in English.
export { default as antdLocale } from 'antd/locale/en_US';
export { en as dict } from './en';
