import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { jobEndpoints } from '../../../../../server/modules/jobs/contract.ts';
import { call } from '../../../../shared/api.ts';

/** Queues with counts by state, parked failures and schedules (named in the request's language). */
export function useJobQueues() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['jobs', 'queues', i18n.language],
    queryFn: ({ signal }) => call(jobEndpoints.listJobQueues, { signal }),
  });
}

export function useFailedJobs() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['jobs', 'failures', i18n.language],
    queryFn: ({ signal }) => call(jobEndpoints.listFailedJobs, { signal }),
  });
}

export function useJobSchedules() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['jobs', 'schedules', i18n.language],
    queryFn: ({ signal }) => call(jobEndpoints.listJobSchedules, { signal }),
  });
}

export function useRetryFailedJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(jobEndpoints.retryFailedJob, { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
