import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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

/**
 * GET /api/audit-log/actions: the catalogue of audited event types, named by the server in the
 * language of the request (asked again when the language changes).
 */
export function useAuditActions() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['audit-actions', i18n.language],
    queryFn: ({ signal }) => call(auditEndpoints.listAuditActions, { signal }),
    staleTime: Infinity,
  });
}

export function useVerifyAuditLog() {
  return useMutation({ mutationFn: () => call(auditEndpoints.verifyAuditLog) });
}
