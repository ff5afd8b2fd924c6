import { TestPlatform, launchBrowser } from '@lib/testing';
import type { Browser } from 'playwright-core';

describe('the dashboard in a browser', () => {
  const platform = new TestPlatform('dashboard-browser', {
    ADMIN_USER: 'admin',
    ADMIN_PASSWORD: 'correct horse',
  });
  let browser: Browser;
  let jobId: string;

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
    jobId = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1, message: 'seen in a browser' },
    });
    await platform.waitForStatus(jobId, ['completed']);
    browser = await launchBrowser();
  });
  const pageFor = async (password: string) => {
    const context = await browser.newContext({ httpCredentials: { username: 'admin', password } });
    return context.newPage();
  };
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  it('logs in, lists the queues and opens a completed job', async () => {
    const page = await pageFor('correct horse');
    const response = await page.goto(`${platform.url}/admin/queues`);
    expect(response?.status()).toBe(200);
    for (const queue of ['high', 'default', 'low', 'etl']) {
      await page.getByRole('link', { name: queue, exact: true }).first().waitFor();
    }

    await page.getByRole('link', { name: 'default', exact: true }).first().click();
    await page.waitForURL(/\/admin\/queues\/queue\/default/);
    await page.goto(`${platform.url}/admin/queues/queue/default/${jobId}`);
    await page.getByText(jobId).first().waitFor();
    await page.getByText('seen in a browser').first().waitFor();
    await page.context().close();
  });

  it('loads nothing from outside the API', async () => {
    const page = await pageFor('correct horse');
    // Every request the page attempts, including those that fail (there is no internet here).
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${platform.url}/admin/queues`);
    await page.getByRole('link', { name: 'default', exact: true }).first().waitFor();
    await page.goto(`${platform.url}/admin/queues/queue/default/${jobId}`);
    await page.getByText('seen in a browser').first().waitFor();
    // The history page draws what Postgres answers.
    const history = page.waitForResponse((answer) => answer.url().includes('/metrics/history?'), {
      timeout: 60_000,
    });
    await page.goto(`${platform.url}/admin/queues/metrics-history`);
    expect((await history).status()).toBe(200);
    await page.waitForLoadState('networkidle');

    expect(requested.length).toBeGreaterThan(3);
    // The API listens on loopback: any other origin would be the internet or the network.
    expect(
      requested.filter((url) => !url.startsWith(`${platform.url}/`) && !url.startsWith('data:')),
    ).toEqual([]);
    await page.context().close();
  });

  it('shows nothing to a wrong password', async () => {
    const page = await pageFor('wrong');
    const statuses: number[] = [];
    page.on('response', (response) => statuses.push(response.status()));
    // Chromium gives up on a 401 its credentials cannot answer: the navigation fails.
    await expect(page.goto(`${platform.url}/admin/queues`)).rejects.toThrow(
      'ERR_HTTP_RESPONSE_CODE_FAILURE',
    );
    expect(statuses).toEqual([401]);
    expect(await page.getByRole('link', { name: 'default', exact: true }).count()).toBe(0);
    await page.context().close();
  });
});
