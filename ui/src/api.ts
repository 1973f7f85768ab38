// The server's REST API, typed as far as the dashboard reads it.

export interface FieldError { field: string | null; message: string }

export class ApiError extends Error {
  constructor(readonly status: number, readonly errors: FieldError[]) {
    super(errors.map((e) => (e.field ? `${e.field}: ` : '') + e.message).join('; ') || `HTTP ${status}`);
  }
}

export interface Progress { total: number; done: number; byState: Record<string, number> }
export interface Sweep {
  id: number; name: string; state: string; spec: Record<string, unknown>; progress: Progress; bestObjective: number | null;
  createdAt: string; updatedAt: string; finishedAt: string | null;
  race: { seedsPerRound: number; budgetLeft: number; confidence: number; rounds: number } | null;
}
export interface Page<T> { items: T[]; page: number; size: number; total: number; totalPages: number }
export interface SummaryRow {
  variant: string; configId: string; params: Record<string, unknown>; condition: Record<string, number>;
  n: number; mean: number; sd: number | null; sem: number | null; ciLow: number | null; ciHigh: number | null;
  bootstrapLow: number | null; bootstrapHigh: number | null; min: number; max: number;
}
export interface ConfigView { configId: string; params: Record<string, unknown>; n: number; mean: number; ciLow: number | null; ciHigh: number | null; bound: number | null; tiedWithBest: boolean }
export interface SelectionGroup { variant: string; condition: Record<string, number>; best: ConfigView; tied: ConfigView[]; configurations: number }
export interface Selection { metric: string; direction: string; confidence: number; rule: string; groups: SelectionGroup[]; verdicts: string[] }
export interface ConditionComparison {
  condition: Record<string, number>; pairs: number; meanDifference: number | null; tLow: number | null; tHigh: number | null;
  tTestP: number | null; holmP: number | null; wilcoxonP: number | null; wilcoxonHolmP: number | null; warning: string | null; verdict: string; seeds: { seed: number; a: number; b: number }[];
}
export interface Comparison { a: string; b: string; metric: string; conditions: ConditionComparison[]; crossing: number | null }
export interface Curve { variant: string; paramsHash: string; params: Record<string, unknown>; condition: Record<string, number>; points: { epoch: number; mean: number; sd: number; n: number }[] }
export interface Trial {
  id: number; sweepId: number; variant: string; params: Record<string, unknown>; condition: Record<string, number>; seed: number;
  state: string; attempt: number; objective: number | null; startedAt: string | null; finishedAt: string | null; error: string | null;
}
export interface TrialDetail {
  trial: Trial; metrics: Record<string, number>;
  epochs: { epoch: number; metrics: Record<string, number> }[];
  history: { attempt: number; from: string | null; to: string; at: string; node: string | null; note: string | null }[];
}

export interface Project { id: number; teamId: number; name: string }
export interface TeamMembership { teamId: number; teamName: string; role: string; projects: Project[] }
export interface Me { kind: string; username: string | null; siteAdmin: boolean; csrfToken: string | null; sharedSweepId: number | null; teams: TeamMembership[] }
export interface TokenInfo { id: number; name: string; scope: string; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null }
export interface ShareInfo { id: number; label: string | null; createdBy: string | null; createdAt: string; expiresAt: string | null; revokedAt: string | null }
export interface AuditEvent { id: number; at: string; actor: string; action: string; targetType: string; targetId: number | null; detail: string | null }
export interface Member { username: string; role: string; since: string }
export interface Team { id: number; name: string; role: string; projects: Project[]; members: Member[] }
export interface DatasetArray { name: string; dtype: string; shape: number[] }
export interface Dataset {
  id: number; projectId: number; name: string; bytes: number; dataBytes: number; rows: number; arrays: DatasetArray[];
  uploadedBy: string | null; uploadedAt: string;
}

// A browser session proves every change with the CSRF token the server gave at sign-in (GET /api/session).
let csrfToken: string | null = null;
export function useCsrfToken(token: string | null) {
  csrfToken = token;
}

async function call<T>(method: string, path: string, body?: string | Blob, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType;
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json?.errors ?? [{ field: null, message: text || response.statusText }]);
  }
  return json as T;
}

export const api = {
  me: () => call<Me>('GET', '/api/session'),
  signIn: (username: string, password: string) => call<Me>('POST', '/api/session', JSON.stringify({ username, password })),
  signOut: () => call<unknown>('DELETE', '/api/session'),
  openShare: (token: string) => call<{ sweepId: number }>('POST', '/api/shared/session', JSON.stringify({ token })),
  shares: (id: number) => call<ShareInfo[]>('GET', `/api/sweeps/${id}/shares`),
  share: (id: number, label: string, expiresInHours: number | null) =>
    call<{ id: number; token: string; path: string }>('POST', `/api/sweeps/${id}/shares`, JSON.stringify({ label: label || null, expiresInHours })),
  unshare: (id: number, share: number) => call<unknown>('DELETE', `/api/sweeps/${id}/shares/${share}`),
  sweepAudit: (id: number) => call<AuditEvent[]>('GET', `/api/sweeps/${id}/audit`),
  tokens: () => call<TokenInfo[]>('GET', '/api/tokens'),
  createToken: (name: string, scope: string) => call<{ id: number; token: string }>('POST', '/api/tokens', JSON.stringify({ name, scope })),
  revokeToken: (id: number) => call<unknown>('DELETE', `/api/tokens/${id}`),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<unknown>('PUT', '/api/account/password', JSON.stringify({ currentPassword, newPassword })),
  createAccount: (username: string, password: string) => call<{ id: number }>('POST', '/api/accounts', JSON.stringify({ username, password })),
  createTeam: (name: string) => call<Team>('POST', '/api/teams', JSON.stringify({ name })),
  team: (id: number) => call<Team>('GET', `/api/teams/${id}`),
  teamAudit: (id: number) => call<Page<AuditEvent>>('GET', `/api/teams/${id}/audit?size=100`),
  removeMember: (id: number, username: string) => call<unknown>('DELETE', `/api/teams/${id}/members/${encodeURIComponent(username)}`),
  createProject: (id: number, name: string) => call<Project>('POST', `/api/teams/${id}/projects`, JSON.stringify({ name })),
  renameProject: (id: number, project: number, name: string) =>
    call<Project>('PUT', `/api/teams/${id}/projects/${project}`, JSON.stringify({ name })),
  deleteProject: (id: number, project: number) => call<unknown>('DELETE', `/api/teams/${id}/projects/${project}`),
  setMember: (id: number, username: string, role: string) =>
    call<Team>('PUT', `/api/teams/${id}/members/${encodeURIComponent(username)}`, JSON.stringify({ role })),
  sweeps: (page = 0) => call<Page<Sweep>>('GET', `/api/sweeps?page=${page}&size=20`),
  sweep: (id: number) => call<Sweep>('GET', `/api/sweeps/${id}`),
  create: (spec: string, yaml: boolean, project: number | null = null) =>
    call<Sweep>('POST', project === null ? '/api/sweeps' : `/api/sweeps?project=${project}`, spec, yaml ? 'application/yaml' : 'application/json'),
  plan: (spec: string, yaml: boolean, project: number | null = null) => call<{ trials: number }>('POST',
    project === null ? '/api/sweeps/plan' : `/api/sweeps/plan?project=${project}`, spec, yaml ? 'application/yaml' : 'application/json'),
  datasets: (project: number) => call<Dataset[]>('GET', `/api/projects/${project}/datasets`),
  // The file goes as the body, as it is (streamed by the browser); the server checks it whole before storing it.
  uploadDataset: (project: number, name: string, file: Blob) =>
    call<Dataset>('POST', `/api/projects/${project}/datasets?name=${encodeURIComponent(name)}`, file, 'application/octet-stream'),
  deleteDataset: (project: number, id: number) => call<unknown>('DELETE', `/api/projects/${project}/datasets/${id}`),
  action: (id: number, action: string) => call<unknown>('POST', `/api/sweeps/${id}/${action}`),
  race: (id: number, seedsPerRound: number, budget: number) =>
    call<{ trials: number; sweep: Sweep }>('POST', `/api/sweeps/${id}/race`, JSON.stringify({ seeds_per_round: seedsPerRound, budget })),
  summary: (id: number, order: string, page = 0) =>
    call<Page<SummaryRow>>('GET', `/api/sweeps/${id}/summary?size=200&order=${order}&page=${page}`),
  selection: (id: number) => call<Selection>('GET', `/api/sweeps/${id}/selection`),
  compare: (id: number, a: string, b: string) => call<Comparison>('GET', `/api/sweeps/${id}/compare?a=${a}&b=${b}`),
  curves: (id: number, metric: string, order = 'plan') => call<Curve[]>('GET', `/api/sweeps/${id}/curves?metric=${metric}&order=${order}`),
  extend: (id: number, extension: Record<string, unknown>) =>
    call<{ trials: number; sweep: Sweep }>('POST', `/api/sweeps/${id}/extend`, JSON.stringify(extension)),
  trials: (id: number, page = 0, state = '', variant = '') => call<Page<Trial>>('GET',
    `/api/sweeps/${id}/trials?page=${page}&size=50${state ? `&state=${encodeURIComponent(state)}` : ''}${variant ? `&variant=${encodeURIComponent(variant)}` : ''}`),
  trialsWhere: (id: number, query: string) => call<Page<Trial>>('GET', `/api/sweeps/${id}/trials?${query}&size=200`),
  trial: (id: number) => call<TrialDetail>('GET', `/api/trials/${id}`),
};
