import { Accordion, Anchor, Badge, Group, Text } from '@mantine/core';
import type { HealthItem } from '@shared/reports';
import { useOpen } from '@renderer/lib/navigation';

type Example = HealthItem['examples'][number];

/** The health list: each problem with its examples, each example one click from the screen that fixes it. */
export function HealthList({ items }: { items: HealthItem[] }) {
  const open = useOpen();
  const follow = ({ target }: Example) =>
    target.kind === 'record'
      ? open({ kind: 'record', id: target.id, records: { kind: (target.recordKind ?? 'disputes') as 'disputes' } })
      : open({ kind: target.kind, id: target.id });
  return (
    <Accordion variant="contained" multiple data-testid="health-list">
      {items.map((h) => (
        <Accordion.Item key={h.key} value={h.key}>
          <Accordion.Control disabled={h.count === 0}>
            <Group gap="xs">
              <Badge color={h.count === 0 ? 'teal' : 'orange'} variant="light">
                {h.count}
              </Badge>
              <Text size="sm">{h.label}</Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Group gap="xs">
              {h.examples.map((e, i) => (
                <Anchor key={i} size="sm" component="button" type="button" onClick={() => follow(e)}>
                  {e.label}
                </Anchor>
              ))}
              {h.count > h.examples.length && (
                <Text size="xs" c="dimmed">
                  等共 {h.count} 项
                </Text>
              )}
            </Group>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
