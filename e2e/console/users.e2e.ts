import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formItem, openDropdown, pick, selection } from '../support/antd.ts';
import { launchBrowser, openPage, signIn, signInConsole } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const INITIAL_PASSWORD = 'Guanai#Init2025';
const NEW_PASSWORD = 'Guanai#Reset2025';

/** A username no other run of the suite has taken. */
const uniqueUsername = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Opens 用户管理 › 新增用户 and fills what every user needs. */
async function openCreateForm(page: Page, username: string) {
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await page.waitForURL('**/users');
  await page.getByRole('button', { name: '新增用户' }).click();
  await page.locator('#username').fill(username);
  await page.locator('#displayName').fill('测试 街道工作人员');
  await page.locator('#password').fill(INITIAL_PASSWORD);
}

describe('user administration', () => {
  test('an administrator creates a street officer of 大北街道, resets their password, and the officer sees only 大北街道', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'admin');
    const username = uniqueUsername('street');
    await openCreateForm(page, username);

    // a street officer's scope is one street: no organisation, no community to pick
    await pick(page, 'role', '街道工作人员');
    expect(await page.locator('#organisationId').count()).toBe(0);
    await page.locator('#divisionCode').click();
    const tree = openDropdown(page);
    await tree.getByText('大北街道（街道）', { exact: true }).waitFor();
    // the city and the district are the way down, not a choice
    const disabled = tree.locator('.ant-select-tree-treenode-disabled');
    expect(await disabled.allInnerTexts()).toEqual(['沈阳市（市）', '大东区（区县）']);
    await page.locator('#divisionCode').pressSequentially('和睦');
    await tree.locator('.ant-select-empty').waitFor();
    await page.locator('#divisionCode').fill('大北');
    await tree.getByText('大北街道（街道）', { exact: true }).click();
    await page.getByTestId('user-form-submit').click();
    await page.getByText(`已新增用户 测试 街道工作人员`).waitFor();

    await page.getByPlaceholder('用户名或姓名').fill(username);
    await page.getByPlaceholder('用户名或姓名').press('Enter');
    const row = page.locator('.ant-table-row', { hasText: username });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/街道工作人员[\s\S]*大北街道/);

    await row.getByRole('button', { name: '重置密码' }).click();
    const modal = page.locator('.ant-modal');
    await modal.locator('#newPassword').fill(NEW_PASSWORD);
    await modal.locator('#confirm').fill(NEW_PASSWORD);
    await modal.getByRole('button', { name: '重置密码' }).click();
    await page.getByText('密码已重置').waitFor();

    // the officer, in a browser of their own, signs in with the new password
    const officer = await openPage(browser, ctx);
    await signIn(officer, '/login', username, NEW_PASSWORD);
    await officer.getByTestId('welcome-card').waitFor();
    await officer.goto('/divisions');
    const names = officer.getByTestId('division-tree').getByTestId('division-node-name');
    await names.getByText('大北街道', { exact: true }).waitFor();
    const shown = await names.allInnerTexts();
    expect(shown[0]).toBe('大北街道');
    expect(shown.length).toBeGreaterThan(1); // its communities
    expect(shown).not.toContain('大东区');
    expect(shown).not.toContain('万泉街道');
  });

  test("a street officer scoped to a community is refused with the server's message next to the division", async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'admin');
    await openCreateForm(page, uniqueUsername('bad'));
    await pick(page, 'role', '街道工作人员');
    await pick(page, 'divisionCode', '大北街道（街道）');
    // the picker offers no community to a street officer: the request is changed on its way out
    await page.route('**/api/users', async (route) => {
      const body = route.request().postDataJSON() as Record<string, unknown>;
      await route.continue({ postData: JSON.stringify({ ...body, divisionCode: '210104002001' }) });
    });
    await page.getByTestId('user-form-submit').click();

    const error = formItem(page, 'divisionCode').locator('.ant-form-item-explain-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('该角色的数据范围应为街道级区划');
    expect(await page.locator('.ant-drawer .ant-alert-error').count()).toBe(0);
  });

  test('a visitor belongs to a service organisation, searched on the server as one types', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'admin');
    const searches: URL[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname === '/api/organisations') searches.push(url);
    });
    await openCreateForm(page, uniqueUsername('visitor'));
    await pick(page, 'role', '探访员');
    const searched = page.waitForRequest(
      (req) => new URL(req.url()).searchParams.get('q') === '乐龄',
    );
    await page.locator('#organisationId').pressSequentially('乐龄', { delay: 30 });
    const typed = new URL((await searched).url());
    await openDropdown(page)
      .getByText('大东区乐龄社会工作服务中心（示范）', { exact: true })
      .waitFor();

    expect(typed.pathname).toBe('/api/organisations');
    expect(typed.searchParams.get('kind')).toBe('service_org');
    expect(searches.every((u) => Number(u.searchParams.get('pageSize')) <= 20)).toBe(true);
    // a provider is no service organisation
    await page.locator('#organisationId').fill('');
    await page.locator('#organisationId').pressSequentially('康泰', { delay: 30 });
    await openDropdown(page).locator('.ant-select-item-empty').waitFor();
    await page.keyboard.press('Escape');

    // a change of role keeps what the new role takes and clears the rest
    await pick(page, 'divisionCode', '大北街道（街道）');
    await pick(page, 'role', '街道工作人员');
    await page.locator('#organisationId').waitFor({ state: 'detached' });
    expect(await formItem(page, 'divisionCode').innerText()).toContain('大北街道（街道）');
    await pick(page, 'role', '社区工作者');
    await formItem(page, 'divisionCode').getByText('选择社区').waitFor();
    await pick(page, 'role', '探访员');
    await formItem(page, 'organisationId').getByText('输入第三方服务机构名称搜索').waitFor();
  });

  test('a service-organisation administrator grants only its roles, within its own organisation', async (ctx) => {
    const page = await openPage(browser, ctx);
    await signInConsole(page, 'org1');
    await openCreateForm(page, uniqueUsername('org'));
    await page.locator('#role').click();
    const options = openDropdown(page).locator('.ant-select-item-option');
    await options.first().waitFor();
    expect(await options.allInnerTexts()).toEqual([
      '服务机构管理员',
      '探访员',
      '话务员',
      '数据审核员',
    ]);
    await options.getByText('探访员', { exact: true }).click();
    await selection(page, 'role', '探访员').waitFor();
    await formItem(page, 'organisationId')
      .getByText('大东区乐龄社会工作服务中心（示范）', { exact: true })
      .waitFor();
  });
});
