import Bowser from "bowser";

/** The parts of a user-agent a person reads: browser and version, system, kind of device. */
export interface UserAgentParts {
  browser: string | null;
  /** The major version only ("131"), as people say it. */
  version: string | null;
  system: string | null;
  mobile: boolean;
}

/** Reads a user-agent with Bowser (a maintained parser): never throws, unknown parts are null. */
export function parseUserAgent(userAgent: string): UserAgentParts {
  try {
    const parsed = Bowser.parse(userAgent);
    const version = parsed.browser.version?.split(".")[0] ?? null;
    const system = parsed.os.name
      ? [
          parsed.os.name,
          parsed.os.name === "macOS" || parsed.os.name === "Windows"
            ? parsed.os.versionName
            : parsed.os.version?.split(".")[0],
        ]
          .filter(Boolean)
          .join(" ")
      : null;
    return {
      browser: parsed.browser.name ?? null,
      version: version || null,
      system: system || null,
      mobile: parsed.platform.type === "mobile" || parsed.platform.type === "tablet",
    };
  } catch {
    return { browser: null, version: null, system: null, mobile: false };
  }
}
