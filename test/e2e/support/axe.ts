// axe-core in the browser e2e tests (issue 14 item 9): every rule that applies, and the report names each failing
// node. Shared by the accessibility spec and the specs that audit the state they build (e.g. a detected farm).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Every axe rule that applies (WCAG 2.x A/AA and best practices); the report names each failing node. */
async function expectNoViolations(page: Page, state: string): Promise<void> {
  // Animations (the row flash, spinners) would make colour checks depend on the frame.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const results = await new AxeBuilder({ page }).analyze();
  const report = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ') + ' ' + (n.failureSummary ?? '')).join('\n  ')}`,
  );
  expect(report, `axe violations in state "${state}"`).toEqual([]);
}

/** The same audit in the light and the dark scheme. */
export async function bothSchemes(page: Page, state: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoViolations(page, `${state}, light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoViolations(page, `${state}, dark`);
}
