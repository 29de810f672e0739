import { useState } from 'react';
import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { GRADES } from '@shared/evaluations';
import { DIFFICULTIES } from '@shared/records';
import { RULE_LABELS, type RuleConfig, type RuleKind } from '@shared/subsidies';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { MoneyInput } from '@renderer/components/MoneyInput';
import { today } from './model';
import { describeRule } from './rules';

type Errors = Record<string, string>;

interface FieldsProps<K extends RuleKind> {
  config: RuleConfig<K>;
  onChange(config: RuleConfig<K>): void;
  errors: Errors;
}

function CaseFields({ config, onChange, errors }: FieldsProps<'case'>) {
  return (
    <SimpleGrid cols={3}>
      {DIFFICULTIES.map((d) => (
        <MoneyInput
          key={d}
          label={`${d}案件`}
          withAsterisk
          value={config.rates[d]}
          onChange={(fen) => onChange({ rates: { ...config.rates, [d]: fen as number } })}
          error={errors[`config.rates.${d}`]}
        />
      ))}
    </SimpleGrid>
  );
}

function CoefficientFields({ config, onChange, errors }: FieldsProps<'coefficient'>) {
  return (
    <Stack gap="xs">
      <Switch
        label="启用考核系数（按考核等次折算该网格员的全部补贴）"
        checked={config.enabled}
        onChange={(e) => onChange({ ...config, enabled: e.currentTarget.checked })}
      />
      <SimpleGrid cols={4}>
        {GRADES.map((g) => (
          <NumberInput
            key={g}
            label={g}
            suffix=" %"
            min={0}
            max={200}
            allowDecimal={false}
            disabled={!config.enabled}
            value={config.percent[g]}
            onChange={(v) =>
              onChange({ ...config, percent: { ...config.percent, [g]: typeof v === 'number' ? v : 0 } })
            }
            error={errors[`config.percent.${g}`]}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function ConfigFields({ kind, config, onChange, errors }: { kind: RuleKind } & FieldsProps<RuleKind>) {
  switch (kind) {
    case 'case':
      return <CaseFields config={config as RuleConfig<'case'>} onChange={onChange} errors={errors} />;
    case 'info': {
      const c = config as RuleConfig<'info'>;
      return (
        <MoneyInput
          label="每条重要信息奖励"
          withAsterisk
          w={200}
          value={c.rateFen}
          onChange={(fen) => onChange({ rateFen: fen as number })}
          error={errors['config.rateFen']}
        />
      );
    }
    case 'welfare': {
      const c = config as RuleConfig<'welfare'>;
      return (
        <MoneyInput
          label="公益岗位月补贴"
          description="在岗满 15 天的月份计 1 个月"
          withAsterisk
          w={200}
          value={c.monthlyFen}
          onChange={(fen) => onChange({ monthlyFen: fen as number })}
          error={errors['config.monthlyFen']}
        />
      );
    }
    case 'coefficient':
      return <CoefficientFields config={config as RuleConfig<'coefficient'>} onChange={onChange} errors={errors} />;
  }
}

/** Any amount left empty or mistyped keeps the form from being sent. */
function incomplete(config: unknown): boolean {
  return JSON.stringify(config, (_k, v: unknown) => (v === null ? '__empty__' : v)).includes('__empty__');
}

/** 新标准: a mechanism's rates from a date, starting from the rule in force. */
export function RuleFormModal({ kind, base, onClose }: { kind: RuleKind; base: unknown; onClose(): void }) {
  const save = useApiMutation('subsidies/rules/save');
  const [validFrom, setValidFrom] = useState(today());
  const [config, setConfig] = useState(base as RuleConfig<RuleKind>);
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const submit = async () => {
    if (incomplete(config)) return setErrors({ form: '请填写每一项金额（元，最多两位小数）' });
    const r = await save.mutateAsync({ mechanism: kind, validFrom, config, notes } as never);
    if (!r.ok) {
      if (r.error.fields) setErrors(r.error.fields);
      else notifyError(r.error, '标准未保存');
      return;
    }
    notifySuccess(`已设置${RULE_LABELS[kind]}标准：${validFrom} 起 ${describeRule(kind, r.value.config)}`);
    onClose();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={560}
      title={<Text fw={600}>新的{RULE_LABELS[kind]}标准</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack gap="sm">
        <TextInput
          type="date"
          label="执行日期"
          description="该日期及以后的记录按此标准计算"
          withAsterisk
          w={200}
          value={validFrom}
          onChange={(e) => setValidFrom(e.currentTarget.value)}
          error={errors.validFrom}
        />
        <ConfigFields kind={kind} config={config} onChange={setConfig} errors={errors} />
        <TextInput
          label="备注"
          placeholder="如：镇党委会议 2026 年第 3 次决定"
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
        />
        {errors.form && (
          <Text size="sm" c="red">
            {errors.form}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button loading={save.isPending} onClick={() => void submit()}>
            保存标准
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
