import { describe, expect, it } from "vitest";
import { parseUserAgent } from "./userAgent";

describe("parseUserAgent", () => {
  it("reads Chrome on Windows", () => {
    expect(
      parseUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      ),
    ).toEqual({ browser: "Chrome", version: "131", system: "Windows 10", mobile: false });
  });

  it("reads Safari on an iPhone", () => {
    const parts = parseUserAgent(
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    );
    expect(parts).toMatchObject({
      browser: "Safari",
      version: "17",
      system: "iOS 17",
      mobile: true,
    });
  });

  it("reads Firefox on Linux and headless Chromium", () => {
    expect(
      parseUserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"),
    ).toMatchObject({ browser: "Firefox", version: "133", system: "Linux" });
  });

  it("leaves what it cannot read unknown", () => {
    expect(parseUserAgent("curl/8.5.0")).toMatchObject({ system: null, mobile: false });
  });
});
