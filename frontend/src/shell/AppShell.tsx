import { Suspense, useState } from "react";
import { NavLink, Outlet } from "react-router";
import { useI18n } from "../i18n/useI18n";
import { useSession, useViewer } from "../session/useSession";
import { AnnouncementBanner } from "./AnnouncementBanner";
import { LanguageSwitch } from "./LanguageSwitch";
import { LoadingState } from "../ui/QueryStatus";
import { navigationFor } from "./navigation";

function ViewerName() {
  const viewer = useViewer();
  const name = [viewer.firstName, viewer.lastName].filter(Boolean).join(" ") || viewer.email;
  return (
    <span className="app-header__viewer">
      <span>{name}</span>
      {viewer.tenant && <span className="muted"> · {viewer.tenant.name}</span>}
    </span>
  );
}

/** The frame of every page once logged in: header, menu by role, announcements, content. */
export function AppShell() {
  const { t } = useI18n();
  const viewer = useViewer();
  const { signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const sections = navigationFor(viewer);

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <button
          type="button"
          className="app-header__menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-navigation"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t("nav.menu")}
        </button>
        <span className="brand">{t("app.name")}</span>
        <ViewerName />
        <LanguageSwitch />
        <button
          type="button"
          className="button button--secondary button--small app-header__logout"
          onClick={() => signOut({ reason: "logout" })}
        >
          {t("nav.logout")}
        </button>
      </header>
      <AnnouncementBanner />
      <div className="app-body">
        <nav
          id="main-navigation"
          className={menuOpen ? "app-nav app-nav--open" : "app-nav"}
          aria-label={t("nav.label")}
          onClick={() => setMenuOpen(false)}
        >
          <ul className="app-nav__home">
            <li>
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
            </li>
          </ul>
          {sections.map((section) => (
            <div key={section.title} className="app-nav__section">
              <h2 className="app-nav__title">{t(section.title)}</h2>
              <ul>
                {section.links.map((link) => (
                  <li key={link.to}>
                    <NavLink to={link.to}>{t(link.label)}</NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <ul className="app-nav__footer">
            <li>
              <NavLink to="/account">{t("nav.account")}</NavLink>
            </li>
          </ul>
        </nav>
        <main id="main" className="app-main" tabIndex={-1}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
