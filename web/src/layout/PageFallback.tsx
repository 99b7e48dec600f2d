import { Flex, Spin } from 'antd';

/** While a page's chunk (or the signed-in user) loads. Its own module, so the login page does not load the shell. */
export function PageFallback() {
  return (
    <Flex justify="center" style={{ padding: 48 }}>
      <Spin />
    </Flex>
  );
}
