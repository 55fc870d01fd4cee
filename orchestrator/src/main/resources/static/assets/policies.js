// The migration policies the service knows (GET /api/v1/migrations accepts any of them by name).

export const POLICIES = ['auto', 'adaptive', 'precopy', 'postcopy', 'autoconverge', 'cold',
  ...Array.from({ length: 10 }, (_, i) => `hybrid-${i + 1}`),
  'ovirt-minimal-downtime', 'ovirt-postcopy', 'nova', 'kubevirt'];
