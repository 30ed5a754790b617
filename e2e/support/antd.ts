import type { Locator, Page } from 'playwright-core';

/**
 * The open dropdown of an Ant Design Select or TreeSelect once its opening animation is over (an
 * entry clicked while it still moves can be missed) and not one that is closing.
 */
export function openDropdown(page: Page): Locator {
  return page.locator(
    '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not(.ant-slide-up-enter):not(.ant-slide-up-appear):not(.ant-slide-up-leave)',
  );
}

/**
 * Picks the entry showing `text` in the searchable Select or TreeSelect whose input has `id`. The
 * text is typed first: the dropdown's list is virtual, so an entry scrolled out of view is not there.
 */
export async function pick(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(text);
  await openDropdown(page).getByText(text, { exact: true }).click();
  await selection(page, id, text).waitFor();
}

/** The chosen value shown by the Select or TreeSelect whose input has `id`. */
export function selection(page: Page, id: string, text: string): Locator {
  return page
    .locator('.ant-select-content')
    .filter({ has: page.locator(`#${id}`) })
    .filter({ hasText: text });
}

/** The form item (label, control, messages) around the control with `id`. */
export function formItem(page: Page, id: string): Locator {
  return page.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });
}
