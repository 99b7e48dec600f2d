export type Locale = 'zh-CN' | 'en';

/** zh-CN unless the caller asks for English first (Accept-Language: en…). */
export function localeOf(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** A message in both languages; params are filled by name: "{field}". */
export type Bilingual = { zh: string; en: string };

export function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}
