import { Spin } from 'antd';

/** Shown while a page's chunk or the session loads. */
export function PageSpin({ fullScreen = false }: { fullScreen?: boolean }) {
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        minHeight: fullScreen ? '100vh' : 320,
      }}
    >
      <Spin size="large" />
    </div>
  );
}
