import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { formatYuan, parseYuan } from '@shared/money';

type Props = Omit<TextInputProps, 'value' | 'onChange'> & {
  /** The amount in 分; null when empty. */
  value: number | null;
  onChange(fen: number | null): void;
  /** Amounts below zero are allowed (an adjustment). */
  allowNegative?: boolean;
};

/** What the text hands on: 分, or null when empty, not an amount, or negative where that is not allowed. */
function fenOf(text: string, allowNegative: boolean): number | null {
  const fen = text.trim() === '' ? null : parseYuan(text);
  return fen !== null && !allowNegative && fen < 0 ? null : fen;
}

function textOf(fen: number | null): string {
  return fen === null ? '' : formatYuan(fen);
}

/**
 * An amount typed in 元 with at most two decimals, handed on as integer 分: the text is parsed
 * by parseYuan, never through a float. While the text is not an amount the value is null and
 * the field says why.
 */
export function MoneyInput({ value, onChange, allowNegative = false, error, ...rest }: Props) {
  const [text, setText] = useState(() => textOf(value));
  const [seen, setSeen] = useState(value);
  // Follows changes made from outside (a reset, 平均填入), not the clerk's own typing: the text
  // is replaced only when it no longer says the value.
  if (value !== seen) {
    setSeen(value);
    if (fenOf(text, allowNegative) !== value) setText(textOf(value));
  }
  const parsed = text.trim() === '' ? null : parseYuan(text);
  const bad =
    text.trim() !== '' && (parsed === null || (!allowNegative && parsed < 0))
      ? allowNegative
        ? '金额应为数字，最多两位小数，如 -20 或 1,234.50'
        : '金额应为不小于 0 的数字，最多两位小数，如 1,234.50'
      : null;
  return (
    <TextInput
      inputMode="decimal"
      rightSection="元"
      rightSectionWidth={32}
      value={text}
      onChange={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        onChange(fenOf(t, allowNegative));
      }}
      onBlur={() => {
        if (parsed !== null && !bad) setText(formatYuan(parsed));
      }}
      error={bad ?? error}
      {...rest}
    />
  );
}
