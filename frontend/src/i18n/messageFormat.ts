/**
 * Message templates: `{name}` is replaced by a parameter, and
 * `{count, plural, one {# groupe de doublons} other {# groupes de doublons}}` chooses its
 * branch with `Intl.PluralRules` for the language (French: 0 and 1 are "one"; English: only 1).
 * `=0 {…}` matches an exact value first. `#` in a branch is the parameter as given (pass the
 * number itself, or its formatted text: "1 234" is read back as 1234 for the choice).
 */

export type MessageParams = Record<string, string | number>;

/** The number a parameter stands for: itself, or the digits of its formatted text. */
function numericValue(value: string | number): number {
  if (typeof value === "number") return value;
  const digits = value.replace(/[\s\u00a0\u202f.]/g, "").replace(",", ".");
  return Number(digits);
}

/** Reads `{…}` from `start` (at its opening brace); returns the inside and the index after. */
function readBraced(template: string, start: number): { inside: string; end: number } | null {
  let depth = 0;
  for (let i = start; i < template.length; i++) {
    if (template[i] === "{") depth++;
    else if (template[i] === "}") {
      depth--;
      if (depth === 0) return { inside: template.slice(start + 1, i), end: i + 1 };
    }
  }
  return null;
}

function choosePlural(
  body: string,
  value: string | number,
  rules: Intl.PluralRules,
  formatNumber: (n: number) => string,
): string | null {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const match = /^\s*(=\d+|zero|one|two|few|many|other)\s*/.exec(body.slice(i));
    if (!match) break;
    const open = i + match[0].length;
    if (body[open] !== "{") break;
    const braced = readBraced(body, open);
    if (!braced) break;
    branches.set(match[1] ?? "", braced.inside);
    i = braced.end;
  }
  const n = numericValue(value);
  const chosen =
    branches.get(`=${n}`) ??
    branches.get(Number.isNaN(n) ? "other" : rules.select(n)) ??
    branches.get("other");
  if (chosen === undefined) return null;
  const shown = typeof value === "number" ? formatNumber(value) : value;
  return chosen.replace(/#/g, shown);
}

/** Fills a template for a locale (see above). Unknown parameters are left as written. */
export function formatMessage(
  template: string,
  params: MessageParams | undefined,
  locale: string,
): string {
  if (!params) return template;
  const rules = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  let out = "";
  let i = 0;
  while (i < template.length) {
    const char = template[i];
    if (char !== "{") {
      out += char;
      i++;
      continue;
    }
    const braced = readBraced(template, i);
    if (!braced) {
      out += template.slice(i);
      break;
    }
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(braced.inside);
    const name = plural ? plural[1] : braced.inside.trim();
    const value = name !== undefined && name in params ? params[name] : undefined;
    if (plural && value !== undefined) {
      const chosen = choosePlural(plural[2] ?? "", value, rules, (n) => number.format(n));
      out +=
        chosen === null ? template.slice(i, braced.end) : formatMessage(chosen, params, locale);
    } else if (!plural && value !== undefined && /^\w+$/.test(braced.inside)) {
      out += String(value);
    } else {
      out += template.slice(i, braced.end);
    }
    i = braced.end;
  }
  return out;
}
