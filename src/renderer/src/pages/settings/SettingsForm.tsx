import { useEffect } from 'react';
import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { codeSchemeSchema, settingsSchema, type Settings } from '@shared/settings';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { useAppState } from '@renderer/lib/settings-context';
import { PublicityTopicsCard } from './PublicityTopicsCard';

/** The first code of each level under the scheme; a scheme that would be refused has none. */
function exampleCodes(s: Settings['codeScheme']): string {
  if (!codeSchemeSchema.safeParse(s).success) return '（前缀为数字、每级位数为 1 到 6 时显示）';
  let code = s.prefix.trim();
  const labels = ['镇', '村', '组', '户级网格'];
  return s.digits
    .map((d, i) => {
      code += '1'.padStart(d, '0');
      return `${labels[i]} ${code}`;
    })
    .join('，');
}

/** Unit, clerk, level names and the code scheme. */
export function SettingsForm() {
  const { settings, setSettings } = useAppState();
  const update = useApiMutation('settings/update');
  const form = useForm<Settings>({
    mode: 'controlled',
    initialValues: settings,
    validate: schemaResolver(settingsSchema, { sync: true }),
  });

  useEffect(() => {
    form.setValues(settings);
    form.resetDirty(settings);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings]);

  const submit = form.onSubmit(async (values) => {
    const r = await update.mutateAsync(values);
    if (!r.ok) {
      if (r.error.fields) form.setErrors(r.error.fields);
      notifyError(r.error);
      return;
    }
    setSettings(r.value);
    notifySuccess('设置已保存');
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Card withBorder>
          <Title order={4} mb="sm">
            单位与层级称谓
          </Title>
          <Stack>
            <TextInput
              label="使用单位"
              placeholder="如：青石镇综治中心"
              description="显示在标题栏，并印在报表和公示牌上"
              {...form.getInputProps('unitName')}
            />
            <TextInput
              label="操作员姓名"
              placeholder="如：王丽"
              description="在这台电脑上录入的人，操作日志记为每项修改的操作人"
              maxLength={20}
              {...form.getInputProps('clerkName')}
            />
            <SimpleGrid cols={2}>
              <TextInput
                label="监督电话"
                placeholder="如：0913-1234567"
                description="印在公示牌和联系卡上"
                {...form.getInputProps('supervisionPhone')}
              />
              <TextInput
                label="镇综治中心电话"
                placeholder="如：0913-1234567"
                description="印在联系卡上"
                {...form.getInputProps('centerPhone')}
              />
            </SimpleGrid>
            <SimpleGrid cols={4}>
              {[0, 1, 2, 3].map((i) => (
                <TextInput
                  key={i}
                  label={`${['一', '二', '三', '四'][i]}级网格称谓`}
                  {...form.getInputProps(`levelNames.${i}`)}
                />
              ))}
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={4} mb="sm">
            网格编码规则
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            下级网格编码 = 上级编码 + 固定位数的序号。一级网格编码 = 前缀 + 序号。导入的编码保持原样，不受此规则限制。
          </Text>
          <SimpleGrid cols={5}>
            <TextInput
              label="一级编码前缀"
              description="可不填"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...form.getInputProps('codeScheme.prefix')}
            />
            {[0, 1, 2, 3].map((i) => (
              <NumberInput
                key={i}
                label={`${['一', '二', '三', '四'][i]}级位数`}
                min={1}
                max={6}
                // A 0 or 7 stays as typed and is refused with the range, never quietly changed.
                clampBehavior="none"
                allowDecimal={false}
                {...form.getInputProps(`codeScheme.digits.${i}`)}
              />
            ))}
          </SimpleGrid>
          <Text size="sm" mt="sm" data-testid="code-example">
            示例：{exampleCodes(form.values.codeScheme)}
          </Text>
        </Card>
        <PublicityTopicsCard
          value={form.values.publicityTopics}
          onChange={(v) => form.setFieldValue('publicityTopics', v)}
          error={form.errors.publicityTopics}
        />
        <Group>
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={update.isPending}>
            保存设置
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
