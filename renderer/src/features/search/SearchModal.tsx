/**
 * The global search (Ctrl+K): one box over everything the signed-in person may
 * see (titles, descriptions, requesters, divisions, opinions, outcome reasons,
 * attachment names and text). Results come as you type, ranked and highlighted
 * by the service; ↑/↓ move, Enter or a click opens the item.
 */
import { SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Modal, Spin, Typography } from 'antd';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit, TextPart } from '#domain/types';
import { useApi } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { StatusTag } from '../../shared/StatusTag';
import { useDebounced } from './useDebounced';

const LIST_ID = 'search-results';
const optionId = (i: number) => `search-result-${i}`;

export function Highlighted({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

export function SearchModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim(), 200);
  const results = useApi('search.query', { text: query, limit: 20 }, { enabled: query.length > 0, keepPrevious: true });
  const hits = query ? (results.data ?? []) : [];

  useEffect(() => setActive(0), [query]);

  const openHit = (hit: SearchHit | undefined) => {
    if (!hit) return;
    onClose();
    navigate(paths.detail(hit.id));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      openHit(hits[active]);
    }
  };

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const waiting = text.trim() !== query || (results.isFetching && query.length > 0);

  return (
    <Modal open title={t('search.title')} footer={null} onCancel={onClose} width={720} className="search-modal">
      <Input
        autoFocus
        size="large"
        allowClear
        maxLength={100}
        prefix={<SearchOutlined />}
        suffix={waiting ? <Spin size="small" /> : null}
        placeholder={t('search.placeholder')}
        aria-label={t('search.inputLabel')}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={LIST_ID}
        aria-activedescendant={hits.length > 0 ? optionId(active) : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="search-results">
        {!query ? (
          <Typography.Paragraph type="secondary" className="search-hint">
            {t('search.hint')}
          </Typography.Paragraph>
        ) : results.isError ? (
          <Typography.Paragraph type="danger" className="search-hint">
            {t('search.failed')}
          </Typography.Paragraph>
        ) : hits.length === 0 && !waiting ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.none', { text: query })} />
        ) : (
          <ul id={LIST_ID} role="listbox" aria-label={t('search.resultsLabel')} className="search-list">
            {hits.map((hit, i) => (
              <li
                key={hit.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'search-item active' : 'search-item'}
                onMouseEnter={() => setActive(i)}
                onClick={() => openHit(hit)}
              >
                <div className="search-item-head">
                  <span className="search-item-title">
                    <Highlighted parts={hit.title} />
                  </span>
                  <StatusTag status={hit.status} />
                </div>
                <div className="search-item-meta">
                  <span className="nowrap">{hit.serialNo}</span>
                  <span className="nowrap">{hit.receivedOn}</span>
                  <span className="nowrap">{t('search.foundIn', { field: t(`search.fields.${hit.field}`) })}</span>
                </div>
                {hit.field !== 'title' || hit.snippet.some((p) => p.hit) ? (
                  <div className="search-item-snippet">
                    <Highlighted parts={hit.snippet} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="search-footer">
        <Typography.Text type="secondary">{t('search.keys')}</Typography.Text>
      </div>
    </Modal>
  );
}
