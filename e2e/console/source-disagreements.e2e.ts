import type { Worksheet } from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from '../../server/platform/excel/exceljs.ts';
import { downloadFrom, launchBrowser, openPage, signInConsole } from '../support/browser.ts';

/*
 * The merged elderly database's list of disagreements: the household registration spells a demo
 * subject of 大北街道 otherwise; the street finds it counted under 姓名, keeps the roster's spelling
 * (so the demo data stays as it was for the other browser tests), sees it worked through, exports
 * the list.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function ok<T>(
  res: Promise<{ ok(): boolean; json(): Promise<unknown>; text(): Promise<string> }>,
) {
  const answer = await res;
  if (!answer.ok()) throw new Error(await answer.text());
  return (await answer.json()) as T;
}

describe('the list of disagreements', () => {
  test('the street works a department’s other spelling of a name through and exports the list', async (ctx) => {
    const street = await openPage(browser, ctx);
    await signInConsole(street, 'dabei');
    const listed = await ok<{ items: { id: string; name: string }[] }>(
      street.request.get('/api/subjects?divisionCode=210104002001&pageSize=20'),
    );
    const subject = listed.items.find((s) => s.name !== '张三') as { id: string; name: string };
    const { value: idNumber } = await ok<{ value: string }>(
      street.request.post(`/api/subjects/${subject.id}/reveal`, {
        data: { field: 'idNumber', reason: '核对部门数据' },
      }),
    );
    const spelled = `${subject.name}蘭`;

    const importer = await openPage(browser, ctx);
    await signInConsole(importer, 'org1');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('部门数据');
    sheet.addRow(['身份证号', '姓名']);
    sheet.addRow([idNumber, spelled]);
    const imported = await ok<{ committed: boolean }>(
      importer.request.post(
        '/api/source-records/import?source=household_registration&asOf=2026-11-30',
        {
          multipart: {
            file: {
              name: '户籍.xlsx',
              mimeType: XLSX,
              buffer: Buffer.from(await book.xlsx.writeBuffer()),
            },
          },
        },
      ),
    );
    expect(imported.committed).toBe(true);

    await street.getByRole('menuitem', { name: '数据比对' }).click();
    await street.waitForURL('**/source-disagreements');
    await street.getByTestId('count-name').waitFor();
    expect(await street.getByTestId('count-name').innerText()).toMatch(/^姓名 \d+$/);
    await street.getByTestId('count-name').click();
    await street.waitForURL(/field=name/);
    const row = street
      .getByTestId('disagreements-table')
      .locator('.ant-table-row', { hasText: spelled });
    await row.waitFor();
    expect(await row.innerText()).toContain(subject.name);

    await row.getByTestId('resolve-disagreement').click();
    const dialog = street.getByRole('dialog');
    await dialog.getByText(`名册：${subject.name}`).click();
    await dialog.locator('#resolve-note').fill('查看户口簿，名册无误');
    await dialog.locator('#resolve-submit').click();
    await street.getByText('已处理', { exact: true }).first().waitFor();
    await row.waitFor({ state: 'detached' });

    await street.getByTestId('filter-state').getByText('已处理').click();
    await street.waitForURL(/state=resolved/);
    const done = street
      .getByTestId('disagreements-table')
      .locator('.ant-table-row', { hasText: spelled });
    await done.waitFor();
    const outcome = await done.getByTestId('disagreement-outcome').innerText();
    expect(outcome).toContain('以名册为准');
    expect(outcome).toContain('查看户口簿，名册无误');

    const { content } = await downloadFrom(street, () =>
      street.getByTestId('export-disagreements').click(),
    );
    const file = new ExcelJS.Workbook();
    await file.xlsx.load(content as unknown as ArrayBuffer);
    const cells: string[][] = [];
    (file.worksheets[0] as Worksheet).eachRow((r) =>
      cells.push(Array.from((r.values as unknown[]).slice(1), (v) => String(v ?? ''))),
    );
    expect(cells[0]?.slice(0, 4)).toEqual(['姓名', '所属区划', '区划代码', '项目']);
    const line = cells.find((r) => r[0] === subject.name && r[3] === '姓名');
    expect(line).toBeDefined();
    expect(line?.join(' ')).toContain(spelled);
    expect(line?.join(' ')).toContain('以名册为准');
    expect(file.subject).toContain('dabei');
  });
});
