import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconFilePlus, IconFileSpreadsheet } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import type { MergeResult, PackageInfo } from '@shared/reports';
import { callNotify } from '@renderer/lib/api';
import { chooseOpen, saveThenOpen } from '@renderer/lib/files';

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** 县级汇总: the county adds townships' packages one by one, sees each checked, then merges them. */
export function MergePanel() {
  const [infos, setInfos] = useState<PackageInfo[]>([]);
  const [expected, setExpected] = useState('');
  const [perVillage, setPerVillage] = useState(false);
  const [result, setResult] = useState<MergeResult | null>(null);

  // Every file is inspected again with the others: period and duplicates depend on the whole list.
  const inspect = async (files: string[]) => {
    if (!files.length) return setInfos([]);
    const r = await callNotify('reports/inspectPackages', { files });
    if (r) setInfos(r);
  };
  const add = async () => {
    const file = await chooseOpen('package');
    if (file && !infos.some((i) => i.file === file)) await inspect([...infos.map((i) => i.file), file]);
    setResult(null);
  };
  const remove = (file: string) => void inspect(infos.filter((i) => i.file !== file).map((i) => i.file));
  const codes = expected
    .split(/[,，\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  const problems = infos.filter((i) => i.problem).length;
  const merge = async () => {
    const r = await saveThenOpen(
      'reports/merge',
      { files: infos.map((i) => i.file), perVillage, expected: codes.length ? codes : undefined },
      {
        title: '保存县级汇总表',
        defaultName: `县级汇总（${infos[0]!.from}至${infos[0]!.to}）.xlsx`,
        errorTitle: '汇总失败',
      },
    );
    if (r) setResult(r);
  };

  return (
    <Stack gap="sm" data-testid="merge-panel">
      <Text size="sm" c="dimmed">
        逐个添加各乡镇导出的报送包（.gdpkg），检查无误后生成县级汇总表：每个乡镇一行（或每个村一行）和全县合计。
      </Text>
      <Group align="end">
        <Button leftSection={<IconFilePlus size={16} />} variant="light" onClick={() => void add()}>
          添加报送包
        </Button>
        <TextInput
          w={360}
          label="应报乡镇的区划代码（可选，逗号分隔）"
          placeholder="如 612345101000, 612345102000"
          value={expected}
          onChange={(e) => setExpected(e.currentTarget.value)}
        />
        <Checkbox
          label="按村列出"
          checked={perVillage}
          onChange={(e) => setPerVillage(e.currentTarget.checked)}
          mb={8}
        />
        <Button
          leftSection={<IconFileSpreadsheet size={16} />}
          disabled={!infos.length || problems > 0}
          onClick={() => void merge()}
        >
          生成县级汇总表
        </Button>
      </Group>
      {problems > 0 && (
        <Alert color="red" title={`${problems} 个报送包不能汇总`}>
          请移除或让乡镇重新导出有问题的报送包。
        </Alert>
      )}
      {infos.length === 0 && (
        <Text size="sm" c="dimmed">
          还没有添加报送包。
        </Text>
      )}
      {infos.length > 0 && (
        <DataTable
          withTableBorder
          striped
          records={infos}
          idAccessor="file"
          columns={[
            { accessor: 'township', title: '乡镇', width: 110 },
            { accessor: 'code', title: '区划代码', width: 130 },
            { accessor: 'from', title: '期间', width: 190, render: (i) => (i.from ? `${i.from} 至 ${i.to}` : '') },
            {
              accessor: 'file',
              title: '文件',
              width: 150,
              render: (i) => (
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {baseName(i.file)}
                </Text>
              ),
            },
            {
              accessor: 'problem',
              title: '检查',
              render: (i) =>
                i.problem ? (
                  <Text size="sm" c="red">
                    {i.problem}
                  </Text>
                ) : (
                  <Badge color="teal" variant="light">
                    可以汇总
                  </Badge>
                ),
            },
            {
              accessor: 'actions',
              title: '',
              width: 70,
              render: (i) => (
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(i.file)}>
                  移除
                </Button>
              ),
            },
          ]}
        />
      )}
      {result && (
        <Alert color={result.missing.length ? 'yellow' : 'teal'} title="已生成县级汇总表" data-testid="merge-result">
          已汇总 {result.townships.length} 个乡镇（{result.townships.join('、')}），共 {result.rows} 行。
          {result.missing.length > 0 && ` 未报送：${result.missing.join('、')}`}
        </Alert>
      )}
    </Stack>
  );
}
