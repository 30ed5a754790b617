import { Empty, Image, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '../api.ts';

const fileUrl = (id: string, thumbnail = false) =>
  `/api/files/${id}${thumbnail ? '/thumbnail' : ''}`;

/**
 * A visit's photos as thumbnails (each opens the stored picture, stripped of its metadata); a photo
 * near-identical to one of another visit stands beside that one, for the reviewer to compare.
 */
export function VisitPhotos({ photos }: { photos: VisitView['photos'] }) {
  const { t } = useTranslation();
  if (!photos.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.detail.noPhotos')} />;
  return (
    <Image.PreviewGroup>
      <Space size={[12, 12]} wrap data-testid="visit-photos">
        {photos.map((p) => (
          <Space key={p.n} orientation="vertical" size={4} align="center">
            <Space size={4}>
              <Image
                width={120}
                height={90}
                style={{ objectFit: 'cover' }}
                src={fileUrl(p.fileId, true)}
                preview={{ src: fileUrl(p.fileId) }}
                alt={t('visits.detail.photoAlt', { n: p.n })}
              />
              {p.similar && (
                <Image
                  width={120}
                  height={90}
                  style={{ objectFit: 'cover', outline: '2px solid #faad14' }}
                  src={fileUrl(p.similar.fileId, true)}
                  preview={{ src: fileUrl(p.similar.fileId) }}
                  alt={t('visits.detail.similarAlt')}
                />
              )}
            </Space>
            {p.similar ? (
              <Tag color="warning" data-testid="photo-similar">
                {t('visits.detail.similar', { bits: p.similar.distance })}
              </Tag>
            ) : (
              <Typography.Text type="secondary">
                {t('visits.detail.photoAlt', { n: p.n })}
              </Typography.Text>
            )}
          </Space>
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
