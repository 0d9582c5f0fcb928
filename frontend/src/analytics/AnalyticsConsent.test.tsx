import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "../i18n/I18nProvider";
import { AnalyticsConsent } from "./AnalyticsConsent";
import { AnalyticsPreference } from "./AnalyticsPreference";
import { analyticsChoice, readVisit, resetAnalyticsChoice } from "./visitCookie";

function renderBanner() {
  render(
    <I18nProvider>
      <MemoryRouter>
        <AnalyticsConsent />
        <button type="button">Travailler</button>
      </MemoryRouter>
    </I18nProvider>,
  );
}

describe("the audience-measurement banner", () => {
  afterEach(() => resetAnalyticsChoice());

  it("lets the user refuse, and stores no cookie", async () => {
    renderBanner();
    const user = userEvent.setup();
    // The page stays usable while the banner is shown.
    await user.click(screen.getByRole("button", { name: "Travailler" }));
    await user.click(screen.getByRole("button", { name: "Refuser" }));
    expect(screen.queryByRole("region", { name: "Mesure d’audience" })).not.toBeInTheDocument();
    expect(analyticsChoice()).toBe("refused");
    expect(readVisit()).toBeNull();
  });

  it("sets the visit cookie when the user accepts", async () => {
    renderBanner();
    expect(screen.getByRole("region", { name: "Mesure d’audience" })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Accepter" }));
    expect(readVisit()).not.toBeNull();
  });
});

describe("changing one's mind on the account page", () => {
  afterEach(() => resetAnalyticsChoice());

  it("withdraws an accepted consent and removes the cookie", async () => {
    render(
      <I18nProvider>
        <AnalyticsPreference />
      </I18nProvider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Accepter" }));
    expect(readVisit()).not.toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent("Vous avez accepté la mesure d’audience.");
    await user.click(screen.getByRole("button", { name: "Refuser" }));
    expect(readVisit()).toBeNull();
    expect(analyticsChoice()).toBe("refused");
  });
});
