/** Providers: query cache (seeded with the startup prefetch's answers), antd locale and theme, antd App (message/modal/notification), i18n; then the session gate. */
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createQueryClient } from '../api/hooks';
import { seedQueryCache, type Prefetched } from '../api/prefetch';
import { SessionGate } from '../features/session/SessionGate';
import { UnsavedChangesHost } from '../shared/unsaved';

export function Root({ prefetched = [] }: { prefetched?: readonly Prefetched[] }) {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    seedQueryCache(client, prefetched);
    return client;
  });
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={en ? enUS : zhCN}
        // zeroRuntime: component styles from antd's static stylesheet (imported first in styles.css), none generated at run time
        theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 4 }, zeroRuntime: true }}
        form={{ requiredMark: true }}
        button={{ autoInsertSpace: false }}
      >
        <AntApp style={{ height: '100%' }}>
          <UnsavedChangesHost />
          <SessionGate />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
