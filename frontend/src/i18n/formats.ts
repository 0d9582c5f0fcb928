/**
 * The app's formats, one way each, for a locale (`fr-FR` or `en-GB`):
 * dates as JJ/MM/AAAA, date and time as JJ/MM/AAAA HH:MM, numbers with the locale's grouping
 * (French: narrow no-break spaces, decimal comma), money with its currency (EUR by default).
 * A calendar date from the API (`1962-07-14`, no time zone) is shown as that very day,
 * whatever the browser's zone.
 */

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Formats {
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
  time: (date: Date) => string;
  number: (value: number) => string;
  money: (amount: number | string, currency?: string) => string;
  percent: (share: number) => string;
}

export function formatsFor(locale: string): Formats {
  const day = { day: "2-digit", month: "2-digit", year: "numeric" } as const;
  const date = new Intl.DateTimeFormat(locale, day);
  const calendarDate = new Intl.DateTimeFormat(locale, { ...day, timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(locale, { ...day, hour: "2-digit", minute: "2-digit" });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short" });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const money = new Map<string, Intl.NumberFormat>();
  const moneyIn = (currency: string) => {
    let format = money.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: "currency", currency });
      money.set(currency, format);
    }
    return format;
  };
  return {
    date: (iso) =>
      CALENDAR_DATE.test(iso)
        ? calendarDate.format(new Date(`${iso}T00:00:00Z`))
        : date.format(new Date(iso)),
    dateTime: (iso) =>
      CALENDAR_DATE.test(iso)
        ? calendarDate.format(new Date(`${iso}T00:00:00Z`))
        : dateTime.format(new Date(iso)),
    time: (d) => time.format(d),
    number: (n) => number.format(n),
    money: (amount, currency = "EUR") => moneyIn(currency).format(Number(amount)),
    percent: (share) => percent.format(share),
  };
}
