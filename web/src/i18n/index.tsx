import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import { en } from './en';
import { zh } from './zh';

export type Lang = 'zh-CN' | 'en';
export type Dict = Record<keyof typeof zh, string>;
export type MessageKey = keyof Dict;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** For keys built at run time from server values (a role, an action): is there such a message? */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(zh, key);

const STORAGE_KEY = 'crm.lang';
const dictionaries: Record<Lang, Dict> = { 'zh-CN': zh, en };

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLang(lang: Lang): void {
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  document.title = dictionaries[lang]['app.title'];
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const LangContext = createContext<LangContextValue | null>(null);

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const first = initialLang();
    applyLang(first);
    return first;
  });
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage may be disabled; the choice then lasts for this page only
    }
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo<LangContextValue>(() => {
    const dict = dictionaries[lang];
    const t: Translate = (key, vars) =>
      vars ? dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : dict[key];
    return { lang, setLang, t };
  }, [lang, setLang]);
  return (
    <LangContext.Provider value={value}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d4ed8' } }}>
        {children}
      </ConfigProvider>
    </LangContext.Provider>
  );
}

function useLangContext(): LangContextValue {
  const value = useContext(LangContext);
  if (!value) throw new Error('LangProvider is missing');
  return value;
}

export const useT = (): Translate => useLangContext().t;
export const useLang = (): { lang: Lang; setLang: (lang: Lang) => void } => {
  const { lang, setLang } = useLangContext();
  return { lang, setLang };
};
