import { Card, TagsInput, Text, Title } from '@mantine/core';
import { DEFAULT_PUBLICITY_TOPICS } from '@shared/records';

interface Props {
  value: string[];
  onChange(v: string[]): void;
  error?: React.ReactNode;
}

/** The 宣传主题 list the publicity form and the bulk grid offer; the clerk adds the county's own. */
export function PublicityTopicsCard({ value, onChange, error }: Props) {
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        政策宣传主题
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        录入政策宣传时可从这些主题中选择（输入后按回车添加，点 × 删除）。已录入记录的主题不受影响。
      </Text>
      <TagsInput
        aria-label="宣传主题"
        placeholder="输入新主题后按回车"
        value={value}
        onChange={onChange}
        error={error}
        maxTags={100}
        clearable
        splitChars={[',', '，', '、']}
        data={[...DEFAULT_PUBLICITY_TOPICS]}
      />
    </Card>
  );
}
