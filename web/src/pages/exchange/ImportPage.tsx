import { DownloadOutlined, InboxOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Divider, Flex, Form, Popconfirm, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { EXCHANGE_KINDS, type ExchangeKind, templateUrl, useUploadFile } from '../../api/exchange';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useIsMobile } from '../../lib/useIsMobile';
import { ImportOutcome, type Outcome } from './ImportOutcome';

/**
 * 数据导入 (SPEC §7): a CSV or XLSX file of one kind, checked first (预检: the whole write-back, rolled
 * back) and then imported. Either every row is written or none, and the rows to fix are listed.
 */
export default function ImportPage() {
  const t = useT();
  const isMobile = useIsMobile();
  const [kind, setKind] = useState<ExchangeKind>('shipments');
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const upload = useUploadFile();
  const pending = upload.isPending ? upload.variables?.dryRun : undefined;

  const choose = (next: { kind?: ExchangeKind; file?: File | null }) => {
    if (next.kind) setKind(next.kind);
    if (next.file !== undefined) setFile(next.file);
    setOutcome(null);
  };
  const send = (dryRun: boolean) => {
    if (!file) return;
    setOutcome(null);
    upload.mutate(
      { kind, file, dryRun },
      {
        onSuccess: (ok) => {
          setOutcome({ ok });
          // a real import is done with this file: sending it again would only count it unchanged
          if (!dryRun) setFile(null);
        },
        onError: (error) => setOutcome({ error }),
      },
    );
  };

  return (
    <div data-testid="import-page">
      <PageHeader
        title={t('import.title')}
        extra={
          <Link to="/exchange/runs">
            <Button icon={<UnorderedListOutlined />}>{t('nav.runs')}</Button>
          </Link>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
          {t('import.intro')}
        </Typography.Paragraph>
        <Form layout="vertical" style={{ maxWidth: 760 }}>
          <Form.Item label={`1. ${t('import.step.kind')}`} extra={t('import.templateHint')}>
            <Flex wrap gap={8}>
              <Select<ExchangeKind>
                value={kind}
                onChange={(value) => choose({ kind: value })}
                options={EXCHANGE_KINDS.map((value) => ({ value, label: t(`exchange.kind.${value}`) }))}
                style={{ width: isMobile ? '100%' : 240 }}
                data-testid="import-kind"
              />
              <Button icon={<DownloadOutlined />} href={templateUrl(kind)} download data-testid="import-template">
                {t('import.template')}
              </Button>
            </Flex>
          </Form.Item>
          <Form.Item label={`2. ${t('import.step.file')}`}>
            <Upload.Dragger
              accept=".xlsx,.csv,text/csv"
              maxCount={1}
              fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
              beforeUpload={(chosen) => {
                choose({ file: chosen });
                return false; // kept here until 预检 or 导入 sends it
              }}
              onRemove={() => choose({ file: null })}
              data-testid="import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('import.dropHint')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Form.Item label={`3. ${t('import.step.check')}`} extra={t('import.dryRunHint')} style={{ marginBottom: 0 }}>
            <Flex wrap gap={8}>
              <Button
                disabled={!file || upload.isPending}
                loading={pending === true}
                onClick={() => send(true)}
                data-testid="import-dry-run"
              >
                {t('import.dryRun')}
              </Button>
              <Popconfirm
                title={t('import.confirmTitle')}
                description={t('import.confirmBody', { file: file?.name ?? '', kind: t(`exchange.kind.${kind}`) })}
                okText={t('import.run')}
                cancelText={t('common.cancel')}
                onConfirm={() => send(false)}
                disabled={!file || upload.isPending}
              >
                <Button
                  type="primary"
                  disabled={!file || upload.isPending}
                  loading={pending === false}
                  data-testid="import-run"
                >
                  {t('import.run')}
                </Button>
              </Popconfirm>
            </Flex>
          </Form.Item>
        </Form>
        {outcome && (
          <>
            <Divider />
            <ImportOutcome outcome={outcome} />
          </>
        )}
      </Card>
    </div>
  );
}
