import { Flex, Skeleton } from 'antd';
import { useForecastSettings } from '../../api/forecast';
import { useCan } from '../../auth/session';
import { ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { AccuracyConfigForm } from './AccuracyConfigForm';
import { SettingsForm } from './SettingsForm';

/** 预测设置 and 预测准确率口径 for the admin; everyone else reads them. */
export default function SettingsPage() {
  const t = useT();
  const can = useCan();
  const settings = useForecastSettings();
  return (
    <div data-testid="forecast-settings-page">
      <PageHeader title={t('settings.title')} />
      {settings.isError && <ListError error={settings.error} onRetry={() => settings.refetch()} />}
      {!settings.data ? (
        !settings.isError && <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <SettingsForm settings={settings.data} editable={can('forecast.settings.write')} />
          <AccuracyConfigForm editable={can('forecast.accuracy.configure')} />
        </Flex>
      )}
    </div>
  );
}
