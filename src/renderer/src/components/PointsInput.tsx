import { NumberInput, type NumberInputProps } from '@mantine/core';
import { formatPoints, parsePoints } from '@shared/money';

type Props = Omit<NumberInputProps, 'value' | 'onChange' | 'decimalScale'> & {
  /** The score in tenths of a point; null when empty. */
  value: number | null;
  onChange(x10: number | null): void;
};

/**
 * A score typed with at most one decimal (92.5), handed on in tenths (925). The field's text goes
 * through parsePoints, never through a float, so 0.1 + 0.2 never reaches the database.
 */
export function PointsInput({ value, onChange, ...rest }: Props) {
  return (
    <NumberInput
      decimalScale={1}
      allowNegative={false}
      hideControls
      inputMode="decimal"
      value={value === null ? '' : formatPoints(value)}
      onChange={(v) => onChange(String(v).trim() === '' ? null : parsePoints(String(v)))}
      {...rest}
    />
  );
}
