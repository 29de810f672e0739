/** Name pools for the demo township: ordinary rural place names, none of them a real roster. */
export const TOWNSHIP_NAMES = [
  '青石镇',
  '柳河镇',
  '白云镇',
  '龙泉镇',
  '杨家坪镇',
  '双溪镇',
  '桃花镇',
  '马鞍镇',
  '石门镇',
  '清水镇',
  '新集镇',
  '高桥镇',
  '黄土镇',
  '安乐镇',
  '永兴镇',
  '平安镇',
];

export const VILLAGE_NAMES = [
  '田家河',
  '石桥',
  '柳树湾',
  '双河',
  '红岩',
  '李家沟',
  '杨柳',
  '大坪',
  '王家庄',
  '桃园',
  '枣林',
  '白鹤',
  '清泉',
  '龙王庙',
  '张家湾',
  '松树岭',
  '五里铺',
  '马家寨',
  '陈家坝',
  '金盆',
  '银杏',
  '凤凰',
  '黄龙',
  '青龙',
  '何家岭',
  '梨树坪',
  '罗家河',
  '苦竹',
  '长岭',
  '新庄',
];

export const COMMUNITY_NAMES = ['东街', '西街', '新华', '南门', '滨河', '朝阳'];

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 14 → 十四, 21 → 二十一 (enough for villager groups). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[ones]}`;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same township. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
export const GIVEN_MALE = '建国军明伟强平刚勇海波涛兵峰辉忠安福生宝全成民志文斌杰林山水发春荣贵';
export const GIVEN_FEMALE = '秀英芳丽娟敏静霞兰琴玉珍梅红艳凤花云萍莲翠桂香月桃菊莉';
