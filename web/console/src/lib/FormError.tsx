import { Alert } from 'antd';

/** What the server refused in a form or dialog, above its fields (nothing while there is none). */
export function FormError(props: { message: string | null | undefined; testId?: string }) {
  if (!props.message) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={props.message}
      style={{ marginBottom: 16 }}
      data-testid={props.testId}
    />
  );
}
