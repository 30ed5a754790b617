import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useCalendarYear, useCalendarYears, useSaveCalendarYear, type Entry } from '../api.ts';
import { CalendarWarning } from '../components/CalendarWarning.tsx';
import { DayEditor } from '../components/DayEditor.tsx';
import { MonthGrid } from '../components/MonthGrid.tsx';

const months = Array.from({ length: 12 }, (_, i) => i + 1);
const thisYear = () =>
  Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

/** 工作日历: a year's holidays and make-up working days on twelve month grids, edited in place. */
export default function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const years = useCalendarYears();
  const entered = useMemo(() => years.data?.items.map((y) => y.year) ?? [], [years.data]);
  const [year, setYear] = useState<number | null>(null);
  /** A year being entered, not saved yet. */
  const [draftYear, setDraftYear] = useState<number | null>(null);
  const [entries, setEntries] = useState<Map<string, Entry> | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [newYear, setNewYear] = useState<number | null>(null);
  const isNew = draftYear !== null && draftYear === year;
  const stored = useCalendarYear(year !== null && !isNew ? year : null);
  const save = useSaveCalendarYear();

  useEffect(() => {
    if (year === null && entered.length > 0)
      setYear(entered.includes(thisYear()) ? thisYear() : (entered.at(-1) ?? null));
  }, [entered, year]);
  useEffect(() => {
    if (isNew) return;
    setEntries(stored.data ? new Map(stored.data.entries.map((e) => [e.date, e])) : null);
  }, [stored.data, isNew]);

  const dirty =
    entries !== null &&
    (isNew ||
      JSON.stringify([...entries.values()].sort((a, b) => a.date.localeCompare(b.date))) !==
        JSON.stringify(stored.data?.entries ?? []));
  const list = entries ? [...entries.values()] : [];
  const yearOptions = [...new Set([...entered, ...(draftYear ? [draftYear] : [])])]
    .sort()
    .map((y) => ({
      value: y,
      label:
        y === draftYear && !entered.includes(y)
          ? `${y} · ${t('calendar.draft')}`
          : t('calendar.yearOption', { year: y }),
    }));

  const startNewYear = () => {
    if (newYear === null) return;
    if (entered.includes(newYear)) {
      void message.warning(t('calendar.yearExists', { year: newYear }));
      return;
    }
    setDraftYear(newYear);
    setYear(newYear);
    setEntries(new Map());
    setAsking(false);
  };

  const onSave = () => {
    if (year === null || !entries) return;
    const body = [...entries.values()].sort((a, b) => a.date.localeCompare(b.date));
    save.mutate(
      { year, entries: body, isNew },
      {
        onSuccess: (saved) => {
          setDraftYear(null);
          void message.success(
            saved.releasedDeadlines > 0
              ? t('calendar.savedReleased', { year, count: saved.releasedDeadlines })
              : t('calendar.saved', { year }),
          );
        },
        onError: (err) => void message.error(errorMessage(err)),
      },
    );
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('calendar.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('calendar.intro')}
      </Typography.Paragraph>
      <CalendarWarning enabled />
      {years.isError && <Alert type="error" showIcon title={errorMessage(years.error)} />}
      <Space wrap>
        <span>{t('calendar.year')}</span>
        <Select
          data-testid="calendar-year"
          style={{ width: 200 }}
          value={year}
          options={yearOptions}
          onChange={(y: number) => setYear(y)}
        />
        <Button icon={<PlusOutlined />} onClick={() => setAsking(true)}>
          {t('calendar.newYear')}
        </Button>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={!dirty}
          loading={save.isPending}
          onClick={onSave}
          data-testid="calendar-save"
        >
          {t('calendar.save')}
        </Button>
        {dirty ? <Tag color="orange">{t('calendar.unsaved')}</Tag> : null}
      </Space>
      <Space wrap>
        <Tag color="red">
          {t('calendar.holidayMark')} {t('calendar.legendHoliday')}
        </Tag>
        <Tag color="blue">
          {t('calendar.workdayMark')} {t('calendar.legendWorkday')}
        </Tag>
        <Tag>{t('calendar.legendWeekend')}</Tag>
        <span data-testid="calendar-counts">
          {t('calendar.counts', {
            holidays: list.filter((e) => e.kind === 'holiday').length,
            workdays: list.filter((e) => e.kind === 'workday').length,
          })}
        </span>
      </Space>
      {stored.data && !isNew ? (
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('calendar.source')}>
            {stored.data.source === 'admin'
              ? t('calendar.sourceAdmin')
              : t('calendar.sourceSeed', { source: stored.data.source })}
          </Descriptions.Item>
          <Descriptions.Item label={t('calendar.updated')}>
            {formatDateTime(stored.data.updatedAt)} {stored.data.updatedBy ?? ''}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {year !== null && entries ? (
        <Row gutter={[12, 12]}>
          {months.map((month) => (
            <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
              <MonthGrid year={year} month={month} entries={entries} onPick={setPicked} />
            </Col>
          ))}
        </Row>
      ) : null}
      <DayEditor
        date={picked}
        entry={picked ? entries?.get(picked) : undefined}
        onCancel={() => setPicked(null)}
        onDone={(date, entry) => {
          setEntries((current) => {
            const next = new Map(current ?? []);
            if (entry) next.set(date, entry);
            else next.delete(date);
            return next;
          });
          setPicked(null);
        }}
      />
      <Modal
        open={asking}
        title={t('calendar.newYearTitle')}
        onCancel={() => setAsking(false)}
        onOk={startNewYear}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
      >
        <Typography.Paragraph type="secondary">{t('calendar.newYearHint')}</Typography.Paragraph>
        <InputNumber
          data-testid="new-year-input"
          min={2000}
          max={2100}
          value={newYear ?? (entered.at(-1) ?? thisYear()) + 1}
          onChange={(v) => setNewYear(v)}
          onFocus={() => setNewYear((v) => v ?? (entered.at(-1) ?? thisYear()) + 1)}
        />
      </Modal>
    </Space>
  );
}
