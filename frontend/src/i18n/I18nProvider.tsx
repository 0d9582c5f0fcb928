import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { en } from "./en";
import { formatsFor } from "./formats";
import { fr, type MessageKey } from "./fr";
import { formatMessage, type MessageParams } from "./messageFormat";

export const LANGUAGES = ["fr", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { fr, en };
/** Dates and numbers follow the language: French formats for French, British for English. */
const LOCALES: Record<Language, string> = { fr: "fr-FR", en: "en-GB" };
const STORAGE_KEY = "crm360.language";

export type { MessageParams };

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  /** The message in the language; `{count, plural, one {…} other {…}}` picks the plural. */
  t: (key: MessageKey, params?: MessageParams) => string;
  /** JJ/MM/AAAA HH:MM. */
  formatDateTime: (iso: string) => string;
  /** JJ/MM/AAAA (a calendar date such as `1962-07-14` stays that day). */
  formatDate: (iso: string) => string;
  formatTime: (date: Date) => string;
  formatNumber: (value: number) => string;
  /** Money in the language's format: "1 234,50 €". Decimal strings from the API are accepted. */
  formatMoney: (amount: number | string, currency?: string) => string;
  /** A share in [0, 1] as a percentage: "12,5 %". */
  formatPercent: (share: number) => string;
  /** A duration in words: "20 minutes", "8 secondes", "3 j 4 h". */
  formatDuration: (seconds: number) => string;
}

export const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "fr";
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
    const formats = formatsFor(locale);
    return {
      language,
      setLanguage,
      t: (key, params) => formatMessage(dictionary[key], params, locale),
      formatDateTime: formats.dateTime,
      formatDate: formats.date,
      formatTime: formats.time,
      formatNumber: formats.number,
      formatMoney: formats.money,
      formatPercent: formats.percent,
      formatDuration: (seconds) => formatDurationIn(locale, seconds),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
