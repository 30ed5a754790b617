import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  InputNumber,
  Radio,
  Row,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import { useAbilityItems, useAbilityScore, type ScoreBody } from '../api.ts';

const levelColors = ['green', 'lime', 'gold', 'orange', 'red'];

/**
 * 能力评估: the GB/T 42195-2022 calculator. Each of the 26 items is scored by its options (0 to its
 * highest); once all are scored the server scores the form (one implementation) and the page shows
 * the total, the preliminary and the final level with the adjustments that applied. Nothing is saved.
 */
export default function AbilityAssessmentPage() {
  const { t } = useTranslation();
  const catalogue = useAbilityItems();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [coma, setComa] = useState(false);
  const [dementiaOrMental, setDementiaOrMental] = useState(false);
  const [riskEvents30d, setRiskEvents30d] = useState(0);

  const items = useMemo(
    () => catalogue.data?.domains.flatMap((d) => d.items) ?? [],
    [catalogue.data],
  );
  const answered = items.filter((i) => answers[i.code] !== undefined).length;
  const complete = items.length > 0 && answered === items.length;
  const runningTotal = items.reduce((sum, i) => sum + (answers[i.code] ?? 0), 0);
  const body: ScoreBody | null = complete
    ? { answers: answers as ScoreBody['answers'], coma, dementiaOrMental, riskEvents30d }
    : null;
  const score = useAbilityScore(body);
  const result = complete ? score.data : undefined;

  const levelName = (level: number) =>
    catalogue.data?.levels.find((l) => l.level === level)?.name ?? String(level);
  const adjustmentName = (code: string) =>
    catalogue.data?.adjustments.find((a) => a.code === code)?.name ?? code;
  const level = (value: number | undefined, testId: string) =>
    value === undefined ? (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('abilityAssessment.incomplete')}
      </Typography.Text>
    ) : (
      <Tag color={levelColors[value]} data-testid={testId} data-level={value}>
        {levelName(value)}
      </Tag>
    );

  const settings = catalogue.data?.settings;
  const error = catalogue.error ?? score.error;
  return (
    <Card title={t('abilityAssessment.title')}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('abilityAssessment.intro')}
        </Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon title={errorMessage(error)} data-testid="ability-error" />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Space>
                <Button
                  onClick={() => setAnswers(Object.fromEntries(items.map((i) => [i.code, i.max])))}
                  disabled={items.length === 0}
                  data-testid="ability-fill-max"
                >
                  {t('abilityAssessment.fillMax')}
                </Button>
                <Button onClick={() => setAnswers({})} data-testid="ability-clear">
                  {t('abilityAssessment.clear')}
                </Button>
              </Space>
              {catalogue.data?.domains.map((domain) => (
                <Card
                  key={domain.code}
                  type="inner"
                  size="small"
                  title={domain.name}
                  extra={t('abilityAssessment.domainMax', { max: domain.max })}
                  data-testid={`ability-domain-${domain.code}`}
                  loading={catalogue.isPending}
                >
                  {domain.items.map((item) => (
                    <Row
                      key={item.code}
                      align="middle"
                      gutter={8}
                      style={{ padding: '6px 0' }}
                      data-testid={`ability-item-${item.code}`}
                    >
                      <Col flex="auto">
                        <Typography.Text type="secondary">{item.code}</Typography.Text> {item.name}
                      </Col>
                      <Col>
                        <Radio.Group
                          optionType="button"
                          buttonStyle="solid"
                          value={answers[item.code]}
                          onChange={(e) =>
                            setAnswers((a) => ({ ...a, [item.code]: Number(e.target.value) }))
                          }
                          options={[...item.scores].reverse().map((s) => ({
                            value: s,
                            label: String(s),
                            title: t('abilityAssessment.scoreOf', { score: s }),
                          }))}
                        />
                      </Col>
                    </Row>
                  ))}
                </Card>
              ))}
            </Space>
          </Col>
          <Col xs={24} xl={9}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card size="small" title={t('abilityAssessment.adjustmentsTitle')}>
                <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                  <Space align="start">
                    <Switch checked={coma} onChange={setComa} data-testid="ability-coma" />
                    <span>
                      {t('abilityAssessment.coma')}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t('abilityAssessment.comaHint')}
                      </Typography.Text>
                    </span>
                  </Space>
                  <Space align="start">
                    <Switch
                      checked={dementiaOrMental}
                      onChange={setDementiaOrMental}
                      data-testid="ability-dementia"
                    />
                    <span>
                      {t('abilityAssessment.dementia')}
                      {settings && !settings.mentalRaise && (
                        <Typography.Text type="secondary">
                          {t('abilityAssessment.raiseOff')}
                        </Typography.Text>
                      )}
                    </span>
                  </Space>
                  <div>
                    <div>{t('abilityAssessment.riskEvents')}</div>
                    <InputNumber
                      min={0}
                      max={1000}
                      precision={0}
                      value={riskEvents30d}
                      onChange={(v) => setRiskEvents30d(v ?? 0)}
                      data-testid="ability-risk-events"
                    />
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t('abilityAssessment.riskEventsHint', {
                        threshold: settings?.riskEventThreshold ?? 2,
                      })}
                      {settings && !settings.riskRaise && t('abilityAssessment.raiseOff')}
                    </Typography.Text>
                  </div>
                  {settings && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {settings.stackAdjustments
                        ? t('abilityAssessment.stacking')
                        : t('abilityAssessment.notStacking')}
                    </Typography.Text>
                  )}
                </Space>
              </Card>
              <Card size="small" data-testid="ability-result">
                <Typography.Text type="secondary" data-testid="ability-answered">
                  {t('abilityAssessment.answered', { count: answered, total: items.length })}
                </Typography.Text>
                <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
                  <Descriptions.Item
                    label={
                      complete ? t('abilityAssessment.total') : t('abilityAssessment.runningTotal')
                    }
                  >
                    <Typography.Text strong data-testid="ability-total">
                      {result ? result.total : runningTotal}
                    </Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('abilityAssessment.preliminary')}>
                    {level(result?.preliminaryLevel, 'ability-preliminary')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('abilityAssessment.final')}>
                    {level(result?.finalLevel, 'ability-final')}
                  </Descriptions.Item>
                  {result && (
                    <Descriptions.Item label={t('abilityAssessment.applied')}>
                      <Space orientation="vertical" size={4} data-testid="ability-adjustments">
                        {result.adjustments.length
                          ? result.adjustments.map((a) => <span key={a}>{adjustmentName(a)}</span>)
                          : t('abilityAssessment.noneApplied')}
                      </Space>
                    </Descriptions.Item>
                  )}
                </Descriptions>
              </Card>
            </Space>
          </Col>
        </Row>
      </Space>
    </Card>
  );
}
