import { Col, Row, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../../../shared/i18n.ts';
import type { Report } from '../api.ts';
import { ReportTable } from './ReportTable.tsx';
import { ReviewList } from './ReviewList.tsx';

/** A day in Asia/Shanghai, in the user's language: 2026年5月3日 / May 3, 2026. */
export function shanghaiDay(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'long',
  }).format(new Date(iso));
}

/**
 * The rules the report was made with: the V4 defaults (never changed, or restored on a day), or
 * those in force since a day.
 */
export function rulesText(t: TFunction, from: string | null, isDefault: boolean) {
  if (!from) return t('classification.rulesDefault');
  return isDefault
    ? t('classification.rulesDefaultSince', { date: from })
    : t('classification.rulesSince', { date: from });
}

/**
 * 关爱等级分类情况反馈表 as it is read on screen and printed: the title, the area, the day it was
 * made, the table, who to review, and the lines to sign and seal (shown on paper only).
 */
export function ReportSheet(props: { report: Report; onOpen?: (divisionCode: string) => void }) {
  const { t } = useTranslation();
  const { report } = props;
  const line = { display: 'inline-block', minWidth: 240, borderBottom: '1px solid #000' };
  return (
    <div data-testid="classification-sheet">
      <Typography.Title level={3} style={{ textAlign: 'center' }} data-testid="sheet-title">
        {t('classification.sheetTitle')}
      </Typography.Title>
      <Row justify="space-between" style={{ marginBottom: 12 }}>
        <Col data-testid="sheet-division">
          {t('classification.divisionLine', {
            name: report.divisionName ?? t('classification.allDivisions'),
          })}
        </Col>
        <Col>
          {t('classification.rulesLine', {
            rules: rulesText(t, report.rulesEffectiveFrom, report.rulesDefault),
          })}
        </Col>
        <Col data-testid="sheet-date">
          {t('classification.generatedAt', { at: shanghaiDay(report.generatedAt) })}
        </Col>
      </Row>
      <ReportTable report={report} onOpen={props.onOpen} />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('classification.review')}
      </Typography.Title>
      <ReviewList report={report} />
      <div className="print-only feedback-signatures" style={{ marginTop: 48 }}>
        <Space size={64} wrap>
          <span>
            {t('classification.signUnit')}
            <span style={line} />
          </span>
          <span>
            {t('classification.signHead')}
            <span style={{ ...line, minWidth: 160 }} />
          </span>
          <span>
            {t('classification.signDate')}
            <span style={{ ...line, minWidth: 160 }} />
          </span>
        </Space>
      </div>
    </div>
  );
}
