import { ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import type { zh } from './zh';

export type Lang = 'zh-CN' | 'en';
// zh.ts defines the key set (a type-only import: no dictionary is bundled here); en.ts is typed against it.
export type Dict = Record<keyof typeof zh, string>;
export type MessageKey = keyof Dict;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

type Loaded = { dict: Dict; antdLocale: Locale };

/**
 * Each language is its own chunk (the app's dictionary with antd's), fetched on demand: a zh-CN reader
 * never downloads the English text, and switching language fetches the other chunk once.
 */
const loaders: Record<Lang, () => Promise<Loaded>> = {
  'zh-CN': () => import('./locale.zh'),
  en: () => import('./locale.en'),
};
const loaded = new Map<Lang, Loaded>();
const pending = new Map<Lang, Promise<Loaded>>();

function loadLanguage(lang: Lang): Promise<Loaded> {
  const done = loaded.get(lang);
  if (done) return Promise.resolve(done);
  let promise = pending.get(lang);
  if (!promise) {
    promise = loaders[lang]().then(
      (chunk) => {
        const value = { dict: chunk.dict, antdLocale: chunk.antdLocale };
        loaded.set(lang, value);
        return value;
      },
      (error: unknown) => {
        pending.delete(lang); // a failed download may be tried again
        throw error;
      },
    );
    pending.set(lang, promise);
  }
  return promise;
}

/** The dictionary in use; every dictionary carries the same keys, so any loaded one answers hasMessage. */
let activeDict: Dict | null = null;

/** For keys built at run time from server values (a role, an action): is there such a message? */
export const hasMessage = (key: string): key is MessageKey => activeDict !== null && Object.hasOwn(activeDict, key);

const STORAGE_KEY = 'crm.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Fetches the reader's language before the first paint (main.tsx waits for it beside the server clock). */
export function prepareLanguage(): Promise<unknown> {
  return loadLanguage(initialLang());
}

function applyLang(lang: Lang, dict: Dict): void {
  activeDict = dict;
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  document.title = dict['app.title'];
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const LangContext = createContext<LangContextValue | null>(null);

export function LangProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ lang: Lang; loaded: Loaded }>(() => {
    const first = initialLang();
    const ready = loaded.get(first);
    if (!ready) throw new Error('prepareLanguage() must finish before LangProvider renders');
    applyLang(first, ready.dict);
    return { lang: first, loaded: ready };
  });
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage may be disabled; the choice then lasts for this page only
    }
    // The page stays in the current language until the other one has arrived (a few KB, once).
    void loadLanguage(next).then(
      (ready) => {
        applyLang(next, ready.dict);
        setState({ lang: next, loaded: ready });
      },
      () => {
        // offline or a stale deployment: keep the language that is on screen
      },
    );
  }, []);
  const value = useMemo<LangContextValue>(() => {
    const { dict } = state.loaded;
    const t: Translate = (key, vars) =>
      vars ? dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : dict[key];
    return { lang: state.lang, setLang, t };
  }, [state, setLang]);
  return (
    <LangContext.Provider value={value}>
      <ConfigProvider locale={state.loaded.antdLocale} theme={{ token: { colorPrimary: '#1d4ed8' } }}>
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
