import { SearchOutlined } from '@ant-design/icons';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../../shared/api.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { ImportSourcesModal } from '../../source-records/components/ImportSourcesModal.tsx';
import { useSearchSubjects, useSubjects } from '../api.ts';
import { ExportSubjectsButton } from '../components/ExportSubjectsButton.tsx';
import { SubjectFilters } from '../components/SubjectFilters.tsx';
import { SubjectTable } from '../components/SubjectTable.tsx';
import { exactSearch, filterKeys, listFilters, type ExactSearch } from '../filters.ts';

/** The server's words for a refused search: the field messages (e.g. the ID number's check digit). */
function searchError(err: unknown): string {
  if (isApiError(err) && err.fields.length) return err.fields.map((f) => f.message).join('；');
  return errorMessage(err);
}

/**
 * 服务对象名册: GET /api/subjects with its filters in the URL. 精确查找 by ID number or phone goes
 * by POST /api/subjects/search and stays in this page's state, never in the URL or the history.
 */
export default function SubjectsPage() {
  const { t } = useTranslation();
  const url = useUrlState(filterKeys);
  const filters = listFilters(url.values);
  const [exact, setExact] = useState<{ by: ExactSearch; page: number; pageSize: number } | null>(
    null,
  );
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);
  const list = useSubjects({ ...filters, page: url.page, pageSize: url.pageSize }, !exact);
  const search = useSearchSubjects(
    exact ? { ...exact.by, page: exact.page, pageSize: exact.pageSize } : null,
  );
  const shown = exact ? search : list;
  const me = useMe().data;
  const [importing, setImporting] = useState(false);

  const leaveExact = () => {
    setExact(null);
    setTyped('');
    setInvalid(false);
  };
  const findExact = (text: string) => {
    const by = exactSearch(text);
    setInvalid(by === null && text.trim() !== '');
    if (by) setExact({ by, page: 1, pageSize: exact?.pageSize ?? 20 });
    else if (!text.trim()) leaveExact();
  };

  return (
    <Card
      title={t('subjects.title')}
      extra={
        <Space wrap>
          <ExportSubjectsButton
            filters={exact ? exact.by : filters}
            canReveal={hasPermission(me, 'subject.reveal')}
          />
          {hasPermission(me, 'source.import') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t('sources.importOpen')}
            </Button>
          )}
          <Tooltip title={t('subjects.exactHint')}>
            <Input.Search
              allowClear
              autoComplete="off"
              value={typed}
              status={invalid ? 'error' : undefined}
              prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
              placeholder={t('subjects.exactPlaceholder')}
              onChange={(e) => {
                setTyped(e.target.value);
                setInvalid(false);
                if (!e.target.value) leaveExact();
              }}
              onSearch={findExact}
              enterButton={t('common.search')}
              maxLength={40}
              style={{ width: 320 }}
              data-testid="exact-search"
            />
          </Tooltip>
        </Space>
      }
    >
      <SubjectFilters
        filters={filters}
        setFilters={(patch) => {
          leaveExact();
          url.setFilters(patch);
        }}
        clear={() => {
          leaveExact();
          url.clear();
        }}
      />
      {invalid && (
        <Alert
          type="warning"
          showIcon
          title={t('subjects.exactTooShort')}
          style={{ marginBottom: 16 }}
        />
      )}
      {exact && (
        <Alert
          type="info"
          showIcon
          data-testid="exact-result"
          title={t('subjects.exactResult', {
            what: t(`subjects.exactWhat.${'idNumber' in exact.by ? 'idNumber' : 'phone'}`),
          })}
          action={
            <Button size="small" onClick={leaveExact}>
              {t('subjects.backToRoster')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {shown.isError && (
        <Alert
          type="error"
          showIcon
          title={exact ? searchError(shown.error) : errorMessage(shown.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <SubjectTable
        items={shown.data?.items ?? []}
        total={shown.data?.total ?? 0}
        totalCapped={shown.data?.totalCapped ?? false}
        page={exact ? exact.page : url.page}
        pageSize={exact ? exact.pageSize : url.pageSize}
        loading={shown.isFetching}
        onPage={(page, pageSize) =>
          exact ? setExact({ ...exact, page, pageSize }) : url.setPage(page, pageSize)
        }
      />
      {importing && <ImportSourcesModal onClose={() => setImporting(false)} />}
    </Card>
  );
}
