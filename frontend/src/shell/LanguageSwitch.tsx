import { LANGUAGES, type Language } from "../i18n/I18nProvider";
import { useI18n } from "../i18n/useI18n";

const LANGUAGE_NAMES: Record<Language, string> = { fr: "Français", en: "English" };

/** Switches the interface between French (the default) and English. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t("app.language")}>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="language-switch__option"
          aria-pressed={language === code}
          aria-label={LANGUAGE_NAMES[code]}
          onClick={() => setLanguage(code)}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
