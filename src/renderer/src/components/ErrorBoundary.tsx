import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button, Center, Stack, Text } from '@mantine/core';

interface State {
  error: Error | null;
}

/** Shows a Chinese message instead of a blank window when a page crashes. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[griddesk] render error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <Center h="100vh" p="xl">
        <Stack maw={560}>
          <Alert color="red" title="页面出错了">
            <Text size="sm">
              界面遇到意外错误，已保存的数据不受影响。请点击“重新载入”继续工作；若反复出现，请联系技术支持。
            </Text>
            <Text size="xs" c="dimmed" mt="xs">
              {this.state.error.message}
            </Text>
          </Alert>
          <Button onClick={() => this.setState({ error: null })}>重新载入</Button>
        </Stack>
      </Center>
    );
  }
}
