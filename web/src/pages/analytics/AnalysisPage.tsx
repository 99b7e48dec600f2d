import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { type QuarterlyDto, quarterlyXlsxHref, useQuarterly } from '../../api/analytics';
import { useMe } from '../../auth/session';
import { ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { AnalysisEmpty, AnalysisSkeleton } from './AnalysisStates';
import { type AnalysisQuery, AnalysisToolbar } from './AnalysisToolbar';
import { MEETING_TYPES, useAnalysisText } from './analysisText';
import { DimensionChart } from './DimensionChart';
import { KpiCards } from './KpiCards';
import { OwnersTable } from './OwnersTable';
import { addQuarters, currentQuarter, QUARTER_PATTERN } from './quarter';
import { RatesChart } from './RatesChart';

function readQuery(params: URLSearchParams, fallback: string, oneTrack: boolean): AnalysisQuery {
  const quarter = params.get('quarter');
  const trackId = Number(params.get('trackId'));
  return {
    quarter: quarter && QUARTER_PATTERN.test(quarter) ? quarter : fallback,
    type: MEETING_TYPES.find((type) => type === params.get('type')),
    // a caller who works in one track (a director) is always analysed for it: the server picks it
    trackId: !oneTrack && Number.isInteger(trackId) && trackId > 0 ? trackId : undefined,
  };
}

function writeQuery(query: AnalysisQuery): Record<string, string> {
  return {
    quarter: query.quarter,
    ...(query.type ? { type: query.type } : {}),
    ...(query.trackId ? { trackId: String(query.trackId) } : {}),
  };
}

function AnalysisBody({ data, previous }: { data: QuarterlyDto; previous: QuarterlyDto | undefined }) {
  const { t } = useAnalysisText();
  return (
    <Flex vertical gap={16}>
      <KpiCards data={data} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('analysis.chart.rates')} style={{ height: '100%' }}>
            <RatesChart
              data={data}
              previous={previous?.quarter === data.previousQuarter && previous.raised > 0 ? previous : undefined}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('analysis.chart.byDimension')} style={{ height: '100%' }}>
            <DimensionChart data={data} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('analysis.owners')}>
        <OwnersTable owners={data.owners} goal={data.goal} />
      </Card>
    </Flex>
  );
}

/** A1 季度任务完成率分析 (SPEC §4.6): the tasks raised in a quarter, as they stand now. */
export default function AnalysisPage() {
  const text = useAnalysisText();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const oneTrack = me?.scope.kind === 'track';
  const lastQuarter = currentQuarter();
  const query = readQuery(params, lastQuarter, oneTrack);
  const analysis = useQuarterly(query);
  const previous = useQuarterly({ ...query, quarter: addQuarters(query.quarter, -1) });
  const data = analysis.data;
  if (!me) return null;
  return (
    <div data-testid="analysis-page">
      <PageHeader
        title={text.t('analysis.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={quarterlyXlsxHref(query)} data-testid="analysis-export">
            {text.t('analysis.export')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center" justify="space-between">
          <AnalysisToolbar
            query={query}
            lastQuarter={lastQuarter}
            ownTrack={oneTrack ? (me.user.trackName ?? '—') : null}
            onChange={(next) => setParams(writeQuery(next), { replace: true })}
          />
          {data && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {text.t('analysis.measuredAt', { at: text.instant(data.measuredAt) })}
            </Typography.Text>
          )}
        </Flex>
      </Card>
      {analysis.isError ? (
        <ListError error={analysis.error} onRetry={() => analysis.refetch()} />
      ) : !data ? (
        <AnalysisSkeleton />
      ) : data.raised === 0 ? (
        <AnalysisEmpty quarter={data.quarter} />
      ) : (
        <div style={{ opacity: analysis.isPlaceholderData ? 0.55 : 1, transition: 'opacity 0.2s' }}>
          <AnalysisBody data={data} previous={previous.isPlaceholderData ? undefined : previous.data} />
        </div>
      )}
    </div>
  );
}
