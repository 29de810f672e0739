/** One search box for the whole app: workers, households and grids by name, phone or code. */
import { z } from 'zod';
import { read } from './contract';

export interface SearchHit {
  kind: 'worker' | 'household' | 'grid';
  id: number;
  /** 张三 / 李四（户主） / 大坪村 / 一组 */
  title: string;
  /** Where it is: the grid's path from the village down, and its code for grids. */
  detail: string;
}

export interface SearchResults {
  hits: SearchHit[];
  /** More matched than were returned: the clerk should type more. */
  more: boolean;
}

export const searchSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, { error: '请输入要查找的姓名、电话或编码' })
    .max(40, { error: '查找内容不能超过 40 个字' }),
  /** Per kind. */
  limit: z.number().int().min(1).max(50).default(8),
});

export const searchApi = {
  'search/all': read(searchSchema).returns<SearchResults>(),
};
