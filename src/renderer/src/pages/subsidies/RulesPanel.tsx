import { useState } from 'react';
import { ActionIcon, Badge, Loader, Button, Card, Group, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { DEFAULT_RULES, RULE_LABELS, type RuleKind, type RuleView } from '@shared/subsidies';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { ConfirmModal } from '@renderer/components/ConfirmModal';
import { RuleFormModal } from './RuleForm';
import { today } from './model';
import { describeRule, groupRules, type RuleGroup } from './rules';

/** 补贴标准: per mechanism the rule paying today and every rule set, each from its date. */
export function RulesPanel() {
  const rules = useApiQuery('subsidies/rules/list', {});
  const [adding, setAdding] = useState<{ kind: RuleKind; base: unknown } | null>(null);
  const [deleting, setDeleting] = useState<RuleView | null>(null);
  // Until the rules are read, nothing is shown: defaults on screen would claim no rule was set.
  if (!rules.data) return rules.isFetching ? <Loader size="sm" /> : null;
  const groups = groupRules(rules.data, today());
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        每个标准自执行日期起生效；计算一个期间时，每条记录按其日期适用当时有效的标准。未设置的使用默认标准。
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        {groups.map((g) => (
          <RuleCard
            key={g.kind}
            group={g}
            onAdd={() => setAdding({ kind: g.kind, base: g.current.config })}
            onDelete={setDeleting}
          />
        ))}
      </SimpleGrid>
      {adding && <RuleFormModal kind={adding.kind} base={adding.base} onClose={() => setAdding(null)} />}
      {deleting && <DeleteRule rule={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}

function RuleCard({ group, onAdd, onDelete }: { group: RuleGroup; onAdd(): void; onDelete(r: RuleView): void }) {
  const { kind, current, history } = group;
  return (
    <Card withBorder padding="sm" data-testid={`rule-${kind}`}>
      <Group justify="space-between" mb={4}>
        <Text fw={600}>{RULE_LABELS[kind]}</Text>
        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={onAdd}>
          新标准
        </Button>
      </Group>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
          现行
        </Text>
        <Text size="sm" data-testid={`rule-current-${kind}`}>
          {describeRule(kind, current.config)}
        </Text>
        {current.id === null ? (
          <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
            默认
          </Badge>
        ) : (
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {current.validFrom} 起
          </Text>
        )}
      </Group>
      {history.length > 0 && (
        <Table mt="xs" fz="xs" verticalSpacing={2} withRowBorders={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>执行日期</Table.Th>
              <Table.Th>标准</Table.Th>
              <Table.Th w={36} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.validFrom}</Table.Td>
                <Table.Td>
                  {describeRule(kind, r.config)}
                  {r.notes && (
                    <Text span c="dimmed" size="xs">
                      （{r.notes}）
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Tooltip label="删除这个标准">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="sm"
                      aria-label={`删除${r.validFrom}起的${RULE_LABELS[kind]}标准`}
                      onClick={() => onDelete(r)}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr c="dimmed">
              <Table.Td>此前</Table.Td>
              <Table.Td>
                {describeRule(kind, DEFAULT_RULES[kind])}{' '}
                <Badge size="xs" variant="light" color="gray">
                  默认
                </Badge>
              </Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function DeleteRule({ rule, onClose }: { rule: RuleView; onClose(): void }) {
  const remove = useApiMutation('subsidies/rules/delete');
  const name = `${rule.validFrom} 起执行的${RULE_LABELS[rule.mechanism]}标准`;
  const confirm = async () => {
    const r = await remove.mutateAsync({ id: rule.id! });
    if (!r.ok) return notifyError(r.error, '删除未完成');
    notifySuccess(`已删除${name}`);
    onClose();
  };
  return (
    <ConfirmModal
      title="删除这个补贴标准？"
      confirm="删除"
      loading={remove.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">
        将删除{name}（{describeRule(rule.mechanism, rule.config)}
        ）。此后该日期起按之前的标准（或默认标准）计算；已审定的批次不受影响。
      </Text>
    </ConfirmModal>
  );
}
