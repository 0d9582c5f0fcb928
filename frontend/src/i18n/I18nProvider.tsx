import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { en } from "./en";
import { fr, type MessageKey } from "./fr";

export const LANGUAGES = ["fr", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { fr, en };
/** Dates and numbers follow the language: French formats for French, British for English. */
const LOCALES: Record<Language, string> = { fr: "fr-FR", en: "en-GB" };
const STORAGE_KEY = "crm360.language";

export type MessageParams = Record<string, string | number>;

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, params?: MessageParams) => string;
  formatDateTime: (iso: string) => string;
  formatDate: (iso: string) => string;
  formatTime: (date: Date) => string;
  formatNumber: (value: number) => string;
  /** A duration in words: "20 minutes", "8 secondes", "3 j 4 h". */
  formatDuration: (seconds: number) => string;
}

export const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "fr";
}

function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

function unit(locale: string, name: "second" | "minute" | "hour" | "day", value: number): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "long" }).format(
    value,
  );
}

function formatDurationIn(locale: string, totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return unit(locale, "second", seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return unit(locale, "minute", minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest
      ? `${unit(locale, "hour", hours)} ${unit(locale, "minute", rest)}`
      : unit(locale, "hour", hours);
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest
    ? `${unit(locale, "day", days)} ${unit(locale, "hour", rest)}`
    : unit(locale, "day", days);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const locale = LOCALES[language];
    const dictionary = DICTIONARIES[language];
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "long" });
    const time = new Intl.DateTimeFormat(locale, { timeStyle: "short" });
    const number = new Intl.NumberFormat(locale);
    return {
      language,
      setLanguage,
      t: (key, params) => interpolate(dictionary[key], params),
      formatDateTime: (iso) => dateTime.format(new Date(iso)),
      formatDate: (iso) => date.format(new Date(iso)),
      formatTime: (d) => time.format(d),
      formatNumber: (n) => number.format(n),
      formatDuration: (seconds) => formatDurationIn(locale, seconds),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
