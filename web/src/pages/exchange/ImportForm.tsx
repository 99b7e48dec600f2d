import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Divider, Flex, Form, Popconfirm, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { EXCHANGE_KINDS, type ExchangeKind, type ImportResult, templateUrl, useUploadFile } from '../../api/exchange';
import { useLang, useT } from '../../i18n';
import { useIsMobile } from '../../lib/useIsMobile';
import { ImportOutcome, type Outcome } from './ImportOutcome';

/**
 * The import flow (SPEC §7): pick the kind and download its template, choose a CSV or XLSX file, check it
 * (预检: the whole write-back, rolled back, every refused cell listed on its row) and then import. Either
 * every row is written or none. The 数据导入 page offers every kind; a page that imports one kind (年初商机
 * on 我的商机) passes only that one and the picker shows it fixed.
 */
export default function ImportForm({
  kinds = EXCHANGE_KINDS,
  initialKind,
  onImported,
}: {
  kinds?: readonly ExchangeKind[];
  initialKind?: ExchangeKind;
  /** After a real import (not a check) wrote its rows. */
  onImported?: (result: ImportResult) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const isMobile = useIsMobile();
  const [kind, setKind] = useState<ExchangeKind>(
    initialKind && kinds.includes(initialKind) ? initialKind : (kinds[0] ?? 'shipments'),
  );
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
          if (!dryRun) {
            setFile(null);
            onImported?.(ok);
          }
        },
        onError: (error) => setOutcome({ error }),
      },
    );
  };

  return (
    <div data-testid="import-form" data-kind={kind}>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
        {t('import.intro')}
      </Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 760 }}>
        <Form.Item label={`1. ${t('import.step.kind')}`} extra={t('import.templateHint')}>
          <Flex wrap gap={8}>
            <Select<ExchangeKind>
              value={kind}
              onChange={(value) => choose({ kind: value })}
              options={kinds.map((value) => ({ value, label: t(`exchange.kind.${value}`) }))}
              disabled={kinds.length < 2}
              style={{ width: isMobile ? '100%' : 240 }}
              data-testid="import-kind"
            />
            <Button icon={<DownloadOutlined />} href={templateUrl(kind, lang)} download data-testid="import-template">
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
    </div>
  );
}
