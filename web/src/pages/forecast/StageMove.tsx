import { App, Flex, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { type OpportunityDto, STAGES, type Stage, useMoveStage } from '../../api/forecast';
import { useT } from '../../i18n';
import { VersionForm } from './VersionForm';

const needsReason = (from: Stage, to: Stage) => to === 'lost' || from === 'lost';

/**
 * The stage move: pick the stage (a reason for lost and reopening); a move to H that the server answers
 * 422 precision_required opens the precision form with the missing fields in red, and saving it moves on.
 */
export function StageMove({ item, compact }: { item: OpportunityDto; compact?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const move = useMoveStage();
  const [target, setTarget] = useState<Stage | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string[] | null>(null);

  const send = async (stage: Stage, current: Pick<OpportunityDto, 'id' | 'version'>, why?: string) => {
    try {
      await move.mutateAsync({ item: current, stage, reason: why });
      message.success(t('opp.moved'));
      setTarget(null);
      setReason('');
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === 'precision_required') {
        setTarget(null);
        setMissing(cause.details.map((d) => d.field ?? '').filter(Boolean));
        return;
      }
      message.error(cause instanceof Error ? cause.message : String(cause));
    }
  };

  const choose = (stage: Stage) => {
    if (stage === item.stage) return;
    if (needsReason(item.stage, stage)) setTarget(stage);
    else void send(stage, item);
  };

  const commodity = item.businessLine === 'commodity';
  return (
    <>
      <Flex gap={8} align="center" data-testid="stage-move">
        <Select<Stage>
          value={item.stage}
          onChange={choose}
          loading={move.isPending}
          style={{ width: compact ? 100 : 140 }}
          options={STAGES.map((value) => ({ value, label: t(`stage.${value}`) }))}
          aria-label={t('opp.moveStage')}
          data-testid="stage-select"
          popupMatchSelectWidth={false}
        />
      </Flex>
      <Modal
        open={target !== null}
        title={target ? `${t('opp.moveTo')} ${t(`stage.${target}`)}` : ''}
        onCancel={() => setTarget(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'stage-reason-submit' }}
        onOk={() => target && send(target, item, reason.trim())}
        confirmLoading={move.isPending}
      >
        <p>{t('opp.reasonRequired')}</p>
        <Input.TextArea
          rows={3}
          value={reason}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
          data-testid="stage-reason"
        />
      </Modal>
      {missing && (
        <VersionForm
          item={item}
          version="precision"
          open
          missing={missing}
          title={t(commodity ? 'precision.titleCommodity' : 'precision.title')}
          hint={t('precision.hint')}
          submitText={t('precision.submit')}
          onClose={() => setMissing(null)}
          onSaved={async (saved) => {
            await send('H', saved);
          }}
        />
      )}
    </>
  );
}
