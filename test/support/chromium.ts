import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs. */
const executablePath = '/usr/bin/chromium';

/** Whether the browser suites run: where Chromium is installed, and always with CI=true (a missing one then fails the launch instead of skipping). */
export const chromiumRunnable = existsSync(executablePath) || process.env.CI === 'true';

/**
 * Headless Chromium on a fresh profile (its user-data-dir: nothing carries over between runs),
 * with nothing reaching outside loopback of its own accord: no QUIC, sync, updates or background
 * networking.
 */
export function launchChromium(profile: string, options: Parameters<typeof chromium.launchPersistentContext>[1] = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...options,
  });
}
