import { Col, Row } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useDivisionList } from '../api.ts';
import { DivisionDetail } from '../components/DivisionDetail.tsx';
import { DivisionTreeCard } from '../components/DivisionTreeCard.tsx';
import { buildDivisionTree } from '../tree.ts';

/**
 * /divisions and /divisions/:code: the actor's subtree on the left, the selected division on the
 * right (fetched by code, so a code outside the scope shows 未找到).
 */
export default function DivisionsPage() {
  const navigate = useNavigate();
  const { code } = useParams();
  const [includeInactive, setIncludeInactive] = useState(false);
  const list = useDivisionList(includeInactive);
  const tree = useMemo(() => buildDivisionTree(list.data ?? []), [list.data]);
  const selected = code ?? tree.roots[0]?.code;

  return (
    <Row gutter={[16, 16]} align="stretch">
      <Col xs={24} lg={9} xxl={7}>
        <DivisionTreeCard
          tree={tree}
          loading={list.isPending}
          error={list.error}
          selected={selected}
          includeInactive={includeInactive}
          onIncludeInactive={setIncludeInactive}
          onSelect={(c) => void navigate(`/divisions/${c}`)}
        />
      </Col>
      <Col xs={24} lg={15} xxl={17}>
        <DivisionDetail
          code={selected}
          tree={tree}
          onSelect={(c) => void navigate(`/divisions/${c}`)}
        />
      </Col>
    </Row>
  );
}
