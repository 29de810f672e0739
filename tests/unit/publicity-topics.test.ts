/** The clerk-editable 宣传主题 list kept in Settings. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { DEFAULT_PUBLICITY_TOPICS } from '../../src/shared/records';
import { openTestApp, type TestApp } from '../helpers/context';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

it('starts from the default topics, keeps what the clerk saves and refuses duplicates, changing nothing', async () => {
  const s = await app.call('settings/get', {});
  expect(s.publicityTopics).toEqual([...DEFAULT_PUBLICITY_TOPICS]);
  const topics = ['防范网络诈骗', '医保缴费', ' 森林防火 '];
  const saved = await app.call('settings/update', { ...s, publicityTopics: topics });
  expect(saved.publicityTopics).toEqual(['防范网络诈骗', '医保缴费', '森林防火']);
  expect((await app.call('settings/get', {})).publicityTopics).toEqual(['防范网络诈骗', '医保缴费', '森林防火']);
  const dup = await dispatch(app.ctx, 'settings/update', { ...s, publicityTopics: ['防火', '防火'] });
  expect(dup.ok).toBe(false);
  if (!dup.ok) expect(dup.error.message).toContain('宣传主题有重复');
  expect((await app.call('settings/get', {})).publicityTopics).toEqual(['防范网络诈骗', '医保缴费', '森林防火']);
});
