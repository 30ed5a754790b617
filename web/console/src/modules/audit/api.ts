import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  auditEndpoints,
  type ListAuditQuery,
} from '../../../../../server/modules/audit/contract.ts';
import { call } from '../../../../shared/api.ts';

type ListQuery = Partial<z.infer<typeof ListAuditQuery>>;

export function useAuditLog(query: ListQuery) {
  return useQuery({
    queryKey: ['audit-log', query],
    queryFn: ({ signal }) => call(auditEndpoints.listAuditLog, { query, signal }),
    placeholderData: (previous) => previous,
  });
}

export function useVerifyAuditLog() {
  return useMutation({ mutationFn: () => call(auditEndpoints.verifyAuditLog) });
}
