import { useCallback, useEffect, useState } from 'react';
import {
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconDeviceFloppy, IconFileImport, IconRestore } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { settingsSchema, type AppInfo, type BackupInfo, type Settings } from '@shared/settings';
import { call, callNotify, notifyError, notifySuccess } from '@renderer/lib/api';
import { useAppState } from '@renderer/lib/settings-context';

function exampleCodes(s: Settings['codeScheme']): string {
  let code = s.prefix;
  const parts: string[] = [];
  const labels = ['镇', '村', '组', '户级网格'];
  s.digits.forEach((d, i) => {
    code += String(1).padStart(Math.max(1, d || 1), '0');
    parts.push(`${labels[i]} ${code}`);
  });
  return parts.join('，');
}

export function SettingsPage() {
  return (
    <Stack gap="lg" maw={960}>
      <Title order={2}>系统设置</Title>
      <SettingsForm />
      <BackupPanel />
    </Stack>
  );
}

function SettingsForm() {
  const { settings, setSettings } = useAppState();
  const [saving, setSaving] = useState(false);
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
    setSaving(true);
    const r = await call('settings/update', values);
    setSaving(false);
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
            <SimpleGrid cols={2}>
              <TextInput
                label="监督电话"
                placeholder="如：0913-1234567"
                description="印在公示牌和联系卡上"
                {...form.getInputProps('supervisionPhone')}
              />
              <TextInput label="镇综治中心电话" description="印在联系卡上" {...form.getInputProps('centerPhone')} />
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
                allowDecimal={false}
                {...form.getInputProps(`codeScheme.digits.${i}`)}
              />
            ))}
          </SimpleGrid>
          <Text size="sm" mt="sm" data-testid="code-example">
            示例：{exampleCodes(form.values.codeScheme)}
          </Text>
        </Card>
        <Group>
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={saving}>
            保存设置
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function BackupPanel() {
  const { invalidate } = useAppState();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);

  const [refreshKey, setRefreshKey] = useState(0);
  const reload = useCallback(() => setRefreshKey((k) => k + 1), []);

  useEffect(() => {
    let live = true;
    void Promise.all([callNotify('app/info', {}), callNotify('backup/list', {})]).then(([i, b]) => {
      if (!live) return;
      if (i) setInfo(i);
      if (b) setBackups(b);
    });
    return () => {
      live = false;
    };
  }, [refreshKey]);

  const backupNow = async () => {
    setBusy(true);
    const r = await call('backup/create', {});
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    notifySuccess(`已备份到 ${r.value.name}`);
    reload();
  };

  const afterRestore = (from: string, safety: string) => {
    notifySuccess(`已从 ${from} 恢复数据。恢复前的数据已另存为 ${safety}。`, '恢复完成');
    invalidate();
    reload();
  };

  const restore = async (b: BackupInfo) => {
    setBusy(true);
    const r = await call('backup/restore', { name: b.name });
    setBusy(false);
    setRestoring(null);
    if (!r.ok) return notifyError(r.error, '恢复失败，当前数据未改变');
    afterRestore(r.value.restoredFrom, r.value.safetyBackup);
  };

  const restoreFromFile = async () => {
    setBusy(true);
    const r = await call('backup/restoreFromFile', {});
    setBusy(false);
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') notifyError(r.error, '恢复失败，当前数据未改变');
      return;
    }
    afterRestore(r.value.restoredFrom, r.value.safetyBackup);
  };

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>数据备份与恢复</Title>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconFileImport size={16} />}
            onClick={() => void restoreFromFile()}
            disabled={busy}
          >
            从文件恢复…
          </Button>
          <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => void backupNow()} loading={busy}>
            立即备份
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        每天首次启动时自动备份一次，保留最近 14 份。
      </Text>
      {info && (
        <Text size="sm" c="dimmed">
          数据库：
          <Text span ff="monospace">
            {info.dbPath}
          </Text>
          <br />
          备份文件夹：
          <Text span ff="monospace">
            {info.backupDir}
          </Text>
        </Text>
      )}
      <Table mt="sm" striped data-testid="backup-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>备份时间</Table.Th>
            <Table.Th>文件</Table.Th>
            <Table.Th>大小</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {backups.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm" c="dimmed">
                  还没有备份
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {backups.map((b) => (
            <Table.Tr key={b.name}>
              <Table.Td>{dayjs(b.createdAt).format('YYYY-MM-DD HH:mm:ss')}</Table.Td>
              <Table.Td ff="monospace">{b.name}</Table.Td>
              <Table.Td>{formatSize(b.size)}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconRestore size={14} />}
                  onClick={() => setRestoring(b)}
                  disabled={busy}
                >
                  恢复
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        closeButtonProps={{ 'aria-label': '关闭' }}
        opened={restoring !== null}
        onClose={() => setRestoring(null)}
        title={<Text fw={600}>恢复备份</Text>}
      >
        {restoring && (
          <Stack>
            <Text size="sm">
              将用 {dayjs(restoring.createdAt).format('YYYY-MM-DD HH:mm:ss')}{' '}
              的备份替换当前全部数据。恢复前会先检查备份文件是否完好，并自动另存一份当前数据。
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRestoring(null)}>
                取消
              </Button>
              <Button color="orange" loading={busy} onClick={() => void restore(restoring)}>
                确认恢复
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
