import { Card, Col, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import { useAnalysisText } from './analysisText';

/** Cards and charts while the analysis loads. */
export function AnalysisSkeleton() {
  return (
    <Flex vertical gap={16} data-testid="analysis-loading">
      <Row gutter={[12, 12]}>
        {[1, 2, 3, 4].map((n) => (
          <Col key={n} xs={12} lg={6}>
            <Card size="small">
              <Skeleton active title={false} paragraph={{ rows: 2 }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <Skeleton.Node active style={{ width: '100%', height: 260 }} />
      </Card>
    </Flex>
  );
}

/** A quarter without tasks: say what will be counted here. */
export function AnalysisEmpty({ quarter }: { quarter: string }) {
  const text = useAnalysisText();
  return (
    <Card data-testid="analysis-empty">
      <Empty
        description={
          <>
            <Typography.Title level={5}>
              {text.t('analysis.empty.title', { quarter: text.quarter(quarter) })}
            </Typography.Title>
            <Typography.Text type="secondary">{text.t('analysis.empty.hint')}</Typography.Text>
          </>
        }
      />
    </Card>
  );
}
