// The dashboard: a hash router over its views, each with its own URL to send to a colleague. Every view but
// sign-in needs a caller: a browser session, or a share link that opens one sweep read-only.
import { echarts, type Chart } from './charts';
import { ApiError, api, useCsrfToken, type Me, type Sweep, type SummaryRow, type Page } from './api';
import { EXAMPLE_SPEC, VARIANT_NAMES, bytes, conditionLabel, curveSeries, downsample, formToSpec, inputFor, pairedRows, parallelData, progressOf, robustnessSeries, sameCondition, sortRows, trialQueryOf, ungatedPartner, type SweepForm } from './shape';

const app = document.getElementById('app') as HTMLElement;
let cleanup: (() => void)[] = [];

function escape(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
function fmt(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(digits);
}
function time(at: string | null): string {
  return at ? new Date(at).toLocaleString() : '–';
}
function bar(sweep: Sweep): string {
  const p = progressOf(sweep.progress);
  return `<span class="bar" title="${escape(p.text)}"><span style="width:${(p.fraction * 100).toFixed(1)}%"></span></span> ${escape(p.text)}`;
}
/** Shows an error where the view asked; nothing if that view has been left meanwhile. */
function showError(where: HTMLElement | null, error: unknown) {
  if (!where) return;
  where.innerHTML = `<p class="error">${escape(error instanceof Error ? error.message : String(error))}</p>`;
}

let me: Me | null = null;

/** Who is here: null when nobody is signed in (and no share link was opened). */
async function whoAmI(): Promise<Me | null> {
  try {
    me = await api.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) me = null;
    else throw error;
  }
  useCsrfToken(me?.csrfToken ?? null);
  renderNav();
  return me;
}

function renderNav() {
  const nav = document.getElementById('nav')!;
  if (!me) {
    nav.innerHTML = '';
  } else if (me.kind === 'share') {
    nav.innerHTML = `<span class="muted">Shared read-only view</span>`;
  } else {
    nav.innerHTML = `<a href="#/">Sweeps</a> <a href="#/new">New sweep</a> <a href="#/account">${escape(me.username)}</a>
      ${me.teams.map((t) => `<a href="#/teams/${t.teamId}">${escape(t.teamName)}</a>`).join(' ')}
      <a href="/q/swagger-ui">API</a> <button id="sign-out" class="secondary">Sign out</button>`;
    document.getElementById('sign-out')!.addEventListener('click', async () => {
      await api.signOut();
      me = null;
      useCsrfToken(null);
      location.hash = '#/';
      await route();
    });
  }
}

function signInView() {
  app.innerHTML = `<section style="max-width:24rem"><h1>Sign in</h1>
    <form id="sign-in"><label for="username">User name</label><input id="username" autocomplete="username" required>
      <label for="password">Password</label><input id="password" type="password" autocomplete="current-password" required>
      <div class="field-error" id="sign-in-error" role="alert"></div>
      <button id="sign-in-button" type="submit">Sign in</button></form></section>`;
  document.getElementById('sign-in')!.addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = (document.getElementById('username') as HTMLInputElement).value;
    const password = (document.getElementById('password') as HTMLInputElement).value;
    try {
      await api.signIn(username, password);
      await whoAmI();
      await route();
    } catch (error) {
      document.getElementById('sign-in-error')!.textContent = error instanceof Error ? error.message : String(error);
    }
  });
}

async function route() {
  cleanup.forEach((f) => f());
  cleanup = [];
  const hash = location.hash || '#/';
  app.innerHTML = '<p class="muted">Loading…</p>';
  try {
    let m: RegExpMatchArray | null;
    if ((m = hash.match(/^#\/shared\/([A-Za-z0-9_-]+)$/))) {
      // The token opens a cookie for this one sweep, then leaves the address bar.
      const opened = await api.openShare(m[1]);
      await whoAmI();
      location.replace(`#/sweeps/${opened.sweepId}`);
      return;
    }
    if (!me && !(await whoAmI())) {
      signInView();
      return;
    }
    if ((m = hash.match(/^#\/sweeps\/(\d+)$/))) await sweepView(Number(m[1]));
    else if (me!.kind === 'share') location.replace(`#/sweeps/${me!.sharedSweepId}`);
    else if (hash === '#/account') await accountView();
    else if ((m = hash.match(/^#\/teams\/(\d+)$/))) await teamView(Number(m[1]));
    else if ((m = hash.match(/^#\/page\/(\d+)$/))) await listView(Number(m[1]));
    else if ((m = hash.match(/^#\/trials\/(\d+)$/))) await trialView(Number(m[1]));
    else if (hash === '#/new') newSweepView();
    else await listView();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      me = null;
      renderNav();
      signInView();
      return;
    }
    showError(app, error);
  }
}

/** The projects the caller may launch in (editor or admin of the team). */
function launchable() {
  return (me?.teams ?? []).filter((t) => t.role !== 'viewer').flatMap((t) => t.projects.map((p) => ({ ...p, label: `${t.teamName} / ${p.name}` })));
}

async function accountView() {
  const tokens = await api.tokens();
  app.innerHTML = `<section><h1>${escape(me!.username)}</h1>
    <h2>API tokens</h2><p class="muted">Use a token as <code>Authorization: Bearer &lt;token&gt;</code>. It is shown once, when created.</p>
    <div class="row"><label for="token-name" style="width:auto">Name</label><input id="token-name" value="script" style="width:12rem">
      <select id="token-scope" style="width:auto"><option value="read">read</option><option value="write">write</option></select>
      <button id="create-token" class="secondary">Create token</button></div>
    <div id="new-token"></div>
    <table><thead><tr><th>Name</th><th>Scope</th><th>Created</th><th>Last used</th><th>Expires</th><th></th></tr></thead><tbody>
    ${tokens.map((t) => `<tr><td>${escape(t.name)}</td><td>${t.scope}</td><td>${time(t.createdAt)}</td><td>${time(t.lastUsedAt)}</td>
      <td>${time(t.expiresAt)}</td><td>${t.revokedAt ? 'revoked' : `<button class="secondary" data-revoke="${t.id}">Revoke</button>`}</td></tr>`).join('')}
    </tbody></table>
    <h2>Password</h2>
    <div class="row"><label for="current-password" style="width:auto">Current</label><input id="current-password" type="password" autocomplete="current-password" style="width:12rem">
      <label for="new-password" style="width:auto">New (10+ characters)</label><input id="new-password" type="password" autocomplete="new-password" style="width:12rem">
      <button id="change-password" class="secondary">Change</button></div><div id="password-result"></div>
    <h2>Teams</h2>
    <div class="row"><label for="team-name" style="width:auto">New team</label><input id="team-name" style="width:12rem">
      <button id="create-team" class="secondary">Create</button></div><div id="team-result"></div>
    ${me!.siteAdmin ? `<h2>Accounts (administrator)</h2>
    <div class="row"><label for="new-username" style="width:auto">User name</label><input id="new-username" autocomplete="off" style="width:12rem">
      <label for="new-user-password" style="width:auto">Password</label><input id="new-user-password" type="password" autocomplete="new-password" style="width:12rem">
      <button id="create-account" class="secondary">Create account</button></div><div id="account-result"></div>` : ''}</section>`;
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;
  document.getElementById('change-password')!.addEventListener('click', async () => {
    try {
      await api.changePassword(value('current-password'), value('new-password'));
      me = null;
      location.hash = '#/';
      await route();
    } catch (error) {
      showError(document.getElementById('password-result')!, error);
    }
  });
  document.getElementById('create-team')!.addEventListener('click', async () => {
    try {
      const team = await api.createTeam(value('team-name'));
      await whoAmI();
      location.hash = `#/teams/${team.id}`;
    } catch (error) {
      showError(document.getElementById('team-result')!, error);
    }
  });
  document.getElementById('create-account')?.addEventListener('click', async () => {
    try {
      await api.createAccount(value('new-username'), value('new-user-password'));
      document.getElementById('account-result')!.innerHTML = `<p class="muted">Account ${escape(value('new-username'))} created; add it to a team on the team's page.</p>`;
    } catch (error) {
      showError(document.getElementById('account-result')!, error);
    }
  });
  document.getElementById('create-token')!.addEventListener('click', async () => {
    try {
      const created = await api.createToken((document.getElementById('token-name') as HTMLInputElement).value,
        (document.getElementById('token-scope') as HTMLSelectElement).value);
      await accountView();
      document.getElementById('new-token')!.innerHTML = `<p>New token (copy it now): <code id="token-value">${escape(created.token)}</code></p>`;
    } catch (error) {
      showError(document.getElementById('new-token')!, error);
    }
  });
  document.querySelectorAll<HTMLButtonElement>('[data-revoke]').forEach((b) => b.addEventListener('click', async () => {
    await api.revokeToken(Number(b.dataset.revoke));
    await accountView();
  }));
}

async function teamView(id: number) {
  const [team, audit] = await Promise.all([api.team(id), api.teamAudit(id)]);
  const admin = team.role === 'admin';
  const editor = team.role !== 'viewer';
  const datasets = await Promise.all(team.projects.map((p) => api.datasets(p.id)));
  app.innerHTML = `<section><h1>${escape(team.name)}</h1><p class="muted">Your role: ${team.role}</p>
    <h2>Projects</h2><table id="projects"><tbody>
    ${team.projects.map((p) => `<tr><td>${admin ? `<input data-project-name="${p.id}" value="${escape(p.name)}" aria-label="name of project ${escape(p.name)}" style="width:14rem">`
      : escape(p.name)}</td><td>${admin ? `<button class="secondary" data-rename="${p.id}">Rename</button>
      <button class="secondary" data-delete-project="${p.id}" title="only an empty project can be deleted">Delete</button>` : ''}</td></tr>`).join('')}
    </tbody></table>
    <h2>Datasets</h2>
    <p class="muted">A project's own data, for its sweeps only (benchmark <code>{"kind": "features", "dataset": "name"}</code>): a .npz, or a
      .zip or .tar of a folder of .npy files, one 2-D array per modality with one row per sample, and an optional 1-D <code>split</code> of 0/1/2.</p>
    ${team.projects.map((p, i) => `<h3>${escape(p.name)}</h3>${datasets[i].length === 0 ? '<p class="muted">No datasets yet.</p>'
      : `<table data-datasets="${p.id}"><thead><tr><th>Name</th><th>Size</th><th>Rows</th><th>Arrays</th><th>Uploaded by</th><th>When</th><th></th></tr></thead><tbody>
      ${datasets[i].map((d) => `<tr><td>${escape(d.name)}</td><td>${bytes(d.bytes)}</td><td>${d.rows}</td>
        <td>${d.arrays.map((a) => `${escape(a.name)} ${a.shape.join(' × ')} (${escape(a.dtype)})`).join(', ')}</td>
        <td>${escape(d.uploadedBy ?? '')}</td><td>${time(d.uploadedAt)}</td>
        <td>${editor ? `<button class="secondary" data-delete-dataset="${d.id}" data-dataset-project="${p.id}" title="refused while trials still use it">Delete</button>` : ''}</td></tr>`).join('')}
      </tbody></table>`}`).join('')}
    ${editor && team.projects.length ? `<div class="row"><label for="dataset-project" style="width:auto">Upload to</label>
      <select id="dataset-project" style="width:auto">${team.projects.map((p) => `<option value="${p.id}">${escape(p.name)}</option>`).join('')}</select>
      <input id="dataset-name" placeholder="name (default: the file's)" style="width:14rem" aria-label="dataset name">
      <input id="dataset-file" type="file" accept=".npz,.zip,.tar" style="width:auto" aria-label="dataset file">
      <button id="upload-dataset" class="secondary">Upload</button></div>` : ''}<div id="dataset-error"></div>
    <h2>Members</h2><table><thead><tr><th>User</th><th>Role</th><th>Since</th></tr></thead><tbody>
    ${team.members.map((m) => `<tr><td>${escape(m.username)}</td><td>${m.role}</td><td>${time(m.since)}</td>
      <td>${team.role === 'admin' ? `<button class="secondary" data-remove="${escape(m.username)}">Remove</button>` : ''}</td></tr>`).join('')}</tbody></table>
    ${team.role === 'admin' ? `<div class="row"><label for="member" style="width:auto">Add or change</label><input id="member" placeholder="user name" style="width:12rem">
      <select id="member-role" style="width:auto"><option>viewer</option><option>editor</option><option>admin</option></select>
      <button id="set-member" class="secondary">Set role</button></div><div id="member-error"></div>
      <div class="row"><label for="project-name" style="width:auto">New project</label><input id="project-name" style="width:12rem">
      <button id="create-project" class="secondary">Create</button></div><div id="project-error"></div>` : ''}
    <h2>Audit trail</h2><table><thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Detail</th></tr></thead><tbody>
    ${audit.items.map((e) => `<tr><td>${time(e.at)}</td><td>${escape(e.actor)}</td><td>${escape(e.action)}</td>
      <td>${e.targetType === 'sweep' ? `<a href="#/sweeps/${e.targetId}">sweep ${e.targetId}</a>` : `${escape(e.targetType)} ${e.targetId ?? ''}`}</td>
      <td>${escape(e.detail ?? '')}</td></tr>`).join('')}</tbody></table></section>`;
  document.querySelectorAll<HTMLButtonElement>('[data-remove]').forEach((b) => b.addEventListener('click', async () => {
    try {
      await api.removeMember(id, b.dataset.remove!);
      await teamView(id);
    } catch (error) {
      showError(document.getElementById('member-error')!, error);
    }
  }));
  document.querySelectorAll<HTMLButtonElement>('[data-rename]').forEach((b) => b.addEventListener('click', async () => {
    try {
      const input = document.querySelector<HTMLInputElement>(`[data-project-name="${b.dataset.rename}"]`)!;
      await api.renameProject(id, Number(b.dataset.rename), input.value);
      await whoAmI();
      await teamView(id);
    } catch (error) {
      showError(document.getElementById('project-error')!, error);
    }
  }));
  document.querySelectorAll<HTMLButtonElement>('[data-delete-project]').forEach((b) => b.addEventListener('click', async () => {
    try {
      await api.deleteProject(id, Number(b.dataset.deleteProject));
      await whoAmI();
      await teamView(id);
    } catch (error) {
      showError(document.getElementById('project-error')!, error);
    }
  }));
  document.getElementById('create-project')?.addEventListener('click', async () => {
    try {
      await api.createProject(id, (document.getElementById('project-name') as HTMLInputElement).value);
      await whoAmI();
      await teamView(id);
    } catch (error) {
      showError(document.getElementById('project-error')!, error);
    }
  });
  document.getElementById('upload-dataset')?.addEventListener('click', async () => {
    const file = (document.getElementById('dataset-file') as HTMLInputElement).files?.[0];
    const typed = (document.getElementById('dataset-name') as HTMLInputElement).value.trim();
    const result = document.getElementById('dataset-error')!;
    if (!file) {
      result.innerHTML = '<p class="field-error">Choose a .npz, .zip or .tar file first.</p>';
      return;
    }
    const button = document.getElementById('upload-dataset') as HTMLButtonElement;
    button.disabled = true;
    result.innerHTML = '<p class="muted">Uploading and checking…</p>';
    try {
      await api.uploadDataset(Number((document.getElementById('dataset-project') as HTMLSelectElement).value),
        typed || file.name.replace(/\.(npz|zip|tar)$/i, ''), file);
      await teamView(id);
    } catch (error) {
      button.disabled = false;
      showError(result, error);
    }
  });
  document.querySelectorAll<HTMLButtonElement>('[data-delete-dataset]').forEach((b) => b.addEventListener('click', async () => {
    try {
      await api.deleteDataset(Number(b.dataset.datasetProject), Number(b.dataset.deleteDataset));
      await teamView(id);
    } catch (error) {
      showError(document.getElementById('dataset-error')!, error);
    }
  }));
  document.getElementById('set-member')?.addEventListener('click', async () => {
    try {
      await api.setMember(id, (document.getElementById('member') as HTMLInputElement).value,
        (document.getElementById('member-role') as HTMLSelectElement).value);
      await teamView(id);
    } catch (error) {
      showError(document.getElementById('member-error')!, error);
    }
  });
}

async function listView(pageNumber = 0) {
  const page = await api.sweeps(pageNumber);
  if (page.total === 0) {
    app.innerHTML = `<section><h1>No sweeps yet</h1>
      <p>Run a small example: Symile against Gated Symile on the Gated Symile paper's synthetic benchmark at CPU
      scale, with half and with all samples misaligned, three seeds each. It takes about a minute and shows a full
      comparison: the gate's gain over Symile, seed by seed.</p>
      <button id="example">Run the example sweep</button> <a href="#/new">or write your own</a></section>`;
    document.getElementById('example')!.addEventListener('click', async () => {
      const sweep = await api.create(JSON.stringify(EXAMPLE_SPEC), false, launchable()[0]?.id ?? null);
      location.hash = `#/sweeps/${sweep.id}`;
    });
    return;
  }
  app.innerHTML = `<section><div class="row"><h1>Sweeps</h1><a href="#/new">New sweep</a></div>
    <table><thead><tr><th>Name</th><th>State</th><th>Progress</th><th>Best trial so far</th><th>Started</th><th>Finished</th></tr></thead><tbody>
    ${page.items.map((s) => `<tr><td><a href="#/sweeps/${s.id}">${escape(s.name)}</a></td><td class="state ${s.state}">${s.state}</td>
      <td>${bar(s)}</td><td>${fmt(s.bestObjective)}</td><td>${time(s.createdAt)}</td><td>${time(s.finishedAt)}</td></tr>`).join('')}
    </tbody></table>
    <p class="muted">${page.total} sweeps · page ${page.page + 1} of ${Math.max(1, page.totalPages)}
      ${page.page > 0 ? `· <a href="#/page/${page.page - 1}">newer</a>` : ''}
      ${page.page + 1 < page.totalPages ? `· <a href="#/page/${page.page + 1}">older</a>` : ''}</p></section>`;
}

function newSweepView() {
  const input = (id: string, label: string, value: string, hint = '') =>
    `<label for="${id}">${label}</label><input id="${id}" value="${escape(value)}" aria-describedby="${id}-error">
     ${hint ? `<div class="muted">${hint}</div>` : ''}<div class="field-error" id="${id}-error" data-input="${id}"></div>`;
  const checks = (name: string, options: [string, string][], checked: string[]) =>
    options.map(([value, label]) => `<label style="display:inline;font-weight:normal;margin-right:1rem"><input type="checkbox" name="${name}" value="${value}"
      ${checked.includes(value) ? 'checked' : ''} style="width:auto"> ${label}</label>`).join('');
  const projects = launchable();
  app.innerHTML = `<section><h1>New sweep</h1>
    ${projects.length > 1 ? `<label for="project">Project</label><select id="project">
      ${projects.map((p) => `<option value="${p.id}">${escape(p.label)}</option>`).join('')}</select>` : ''}
    <div class="row"><button id="tab-form" class="secondary">Form</button><button id="tab-spec" class="secondary">JSON / YAML</button></div>
    <form id="form" novalidate>
      <div class="grid">
        <div>
          ${input('name', 'Name', 'gate vs no gate')}
          <label for="kind">Benchmark</label><select id="kind">
            <option value="binary-xor">binary XOR (condition p)</option><option value="synthetic-misalignment">synthetic misalignment</option>
            <option value="features">your feature files</option><option value="no-op">no-op (rehearsal)</option></select>
          <div class="field-error" id="kind-error" data-input="kind"></div>
          <label for="dataset">Dataset (your feature files)</label><select id="dataset" aria-describedby="dataset-error"><option value="">(none)</option></select>
          <div class="muted">one of the project's datasets; upload them on the team's page</div>
          <div class="field-error" id="dataset-error" data-input="dataset"></div>
          ${input('path', 'or a server path (only under a data root the administrator configured)', '', 'a .npz file or a folder of .npy files')}
          ${input('rows', 'Rows (empty: the full benchmark)', '2000')}
          <label>Variants</label>${checks('variants', [['clip', 'CLIP'], ['symile', 'Symile'], ['gated-symile', 'Gated Symile']], ['symile', 'gated-symile'])}
          <div class="field-error" id="variants-error" data-input="variants"></div>
          ${input('conditions', 'Conditions (comma-separated probabilities)', '0.5, 1.0')}
          ${input('seeds', 'Seeds (comma-separated)', '1, 2, 3')}
        </div>
        <div>
          <label for="strategy">Strategy</label><select id="strategy"><option value="grid">grid</option><option value="random">random</option>
            <option value="successive-halving">successive halving</option></select>
          <div class="field-error" id="strategy-error" data-input="strategy"></div>
          ${input('trials', 'Configurations to draw (random, successive halving)', '')}
          ${input('strength', 'Gate strength values (Gated Symile)', '0.5', 'a list, or uniform(0, 1) for random search')}
          <label>Neutral types (Gated Symile)</label>${checks('neutral', [['random_trainable', 'random trainable'], ['random_frozen', 'random frozen'], ['ones', 'ones'], ['none', 'none']], [])}
          <div class="field-error" id="neutral-error" data-input="neutral"></div>
          ${input('scale', 'Contrastive scale values (in-batch candidates)', '100', 'a list, or a range such as int-range(32, 256) for random search')}
          ${input('lr', 'Learning rate values (empty: the benchmark default)', '', 'a list, or log-uniform(0.0001, 0.1) for random search')}
          ${input('epochs', 'Epochs', '20')} ${input('patience', 'Patience (epochs without improvement)', '')}
          ${input('maxParallel', 'Trials at once', '2')} ${input('retries', 'Retries per trial', '1')}
        </div>
      </div>
    </form>
    <div id="spec-tab" hidden>
      <div class="row"><label><input type="radio" name="format" value="json" checked style="width:auto"> JSON</label>
        <label><input type="radio" name="format" value="yaml" style="width:auto"> YAML</label></div>
      <label for="spec">Spec</label><textarea id="spec" spellcheck="false"></textarea>
    </div>
    <p id="count" class="muted"></p><div class="field-error" id="spec-error" data-input="spec"></div>
    <button id="launch">Launch</button></section>`;
  const form = document.getElementById('form') as HTMLFormElement;
  const specTab = document.getElementById('spec-tab')!;
  const spec = document.getElementById('spec') as HTMLTextAreaElement;
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;
  const checked = (name: string) => [...document.querySelectorAll<HTMLInputElement>(`input[name=${name}]:checked`)].map((c) => c.value);
  const formSpec = (): SweepForm => ({
    name: value('name'), kind: value('kind'), dataset: value('dataset'), path: value('path'), rows: value('rows'), variants: checked('variants'),
    conditions: value('conditions'), seeds: value('seeds'), strategy: value('strategy'), trials: value('trials'),
    strength: value('strength'), neutral: checked('neutral'), scale: value('scale'), lr: value('lr'), epochs: value('epochs'),
    patience: value('patience'), maxParallel: value('maxParallel'), retries: value('retries'),
  });
  const onForm = () => !form.hidden;
  const yaml = () => !onForm() && (document.querySelector('input[name=format]:checked') as HTMLInputElement).value === 'yaml';
  const body = () => (onForm() ? JSON.stringify(formToSpec(formSpec())) : spec.value);
  const count = document.getElementById('count')!;
  const clearErrors = () => document.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
  const showErrors = (error: unknown) => {
    clearErrors();
    const errors = error instanceof ApiError ? error.errors : [{ field: null, message: error instanceof Error ? error.message : String(error) }];
    for (const e of errors) {
      const target = document.getElementById(`${onForm() ? inputFor(e.field) : 'spec'}-error`) ?? document.getElementById('spec-error');
      if (!target) return; // the form has been left meanwhile
      const line = document.createElement('div');
      line.dataset.field = e.field ?? '';
      line.textContent = `${e.field ? e.field + ': ' : ''}${e.message}`;
      target.appendChild(line);
    }
  };
  let timer = 0;
  const recount = () => {
    clearTimeout(timer);
    timer = window.setTimeout(async () => {
      try {
        const plan = await api.plan(body(), yaml(), project());
        count.textContent = `This sweep will plan ${plan.trials} trials.`;
        clearErrors();
      } catch (error) {
        count.textContent = '';
        showErrors(error);
      }
    }, 300);
  };
  // The datasets offered are those of the project the sweep goes to.
  const project = () => {
    const picked = document.getElementById('project') as HTMLSelectElement | null;
    return picked ? Number(picked.value) : projects[0]?.id ?? null;
  };
  const loadDatasets = async () => {
    const select = document.getElementById('dataset') as HTMLSelectElement | null;
    const id = project();
    if (!select || id === null) return;
    const found = await api.datasets(id).catch(() => []);
    select.innerHTML = '<option value="">(none)</option>'
      + found.map((d) => `<option value="${escape(d.name)}">${escape(d.name)} (${d.rows} rows, ${d.arrays.length} arrays)</option>`).join('');
  };
  document.getElementById('project')?.addEventListener('change', async () => { await loadDatasets(); recount(); });
  void loadDatasets();
  form.addEventListener('input', recount);
  form.addEventListener('submit', (e) => e.preventDefault());
  spec.addEventListener('input', recount);
  document.getElementById('tab-form')!.addEventListener('click', () => { form.hidden = false; specTab.hidden = true; recount(); });
  document.getElementById('tab-spec')!.addEventListener('click', () => {
    spec.value = JSON.stringify(formToSpec(formSpec()), null, 2);
    form.hidden = true;
    specTab.hidden = false;
    recount();
  });
  recount();
  document.getElementById('launch')!.addEventListener('click', async () => {
    try {
      const picked = document.getElementById('project') as HTMLSelectElement | null;
      const sweep = await api.create(body(), yaml(), picked ? Number(picked.value) : null);
      location.hash = `#/sweeps/${sweep.id}`;
    } catch (error) {
      showErrors(error);
    }
  });
}

function chart(element: HTMLElement): Chart {
  const c = echarts.init(element);
  const resize = () => c.resize();
  window.addEventListener('resize', resize);
  cleanup.push(() => { window.removeEventListener('resize', resize); c.dispose(); });
  return c;
}

async function sweepView(id: number) {
  trialList = { page: 0, state: '', variant: '' };
  summaryView = { sweep: id, order: 'variant', page: 0 };
  const sweep = await api.sweep(id);
  app.innerHTML = `<section><h1>${escape(sweep.name)}</h1>
      <p><span id="state" class="state"></span> · <span id="progress"></span></p>
      <div class="row" id="controls">
        <button data-action="pause" class="secondary">Pause</button><button data-action="resume" class="secondary">Resume</button>
        <button data-action="cancel" class="secondary">Cancel</button><button data-action="rerun-failed" class="secondary">Re-run failed</button>
        <label for="extend-seeds" style="width:auto">More seeds</label><input id="extend-seeds" placeholder="e.g. 4, 5" style="width:7rem">
        <button id="extend" class="secondary">Extend</button>
        Export: <a href="/api/sweeps/${id}/summary.csv">summary CSV</a> <a href="/api/sweeps/${id}/trials.csv">trials CSV</a>
        <a href="/api/sweeps/${id}/summary?size=200">summary JSON</a> <a href="/api/sweeps/${id}/trials?size=200">trials JSON</a>
      </div><div id="action-error"></div></section>
    <div class="grid">
      <section><h2>Robustness: objective against condition, best configuration per variant (95% CI)</h2><div id="robustness" class="chart"></div></section>
      <section><h2>Gated vs ungated, paired by seed</h2><div id="paired" class="chart"></div><div id="verdicts"></div></section>
    </div>
    <div class="grid">
      <section><h2>Learning curves, mean over seeds (± sd)</h2>
        <label for="curve-metric" style="width:auto">Metric</label>
        <select id="curve-metric" style="width:auto"><option>val_top1</option><option>val_loss</option><option>train_loss</option>
          <option>logit_scale</option><option>gate_alpha</option><option>gate_temperature</option></select>
        <label for="curve-order" style="width:auto">of</label>
        <select id="curve-order" style="width:auto"><option value="plan">the first 50 configurations</option>
          <option value="best">the 50 best configurations</option></select>
        <div id="curves" class="chart"></div></section>
      <section><h2>Configurations (parallel coordinates)</h2><div id="parallel" class="chart"></div></section>
    </div>
    <section><h2>Best configuration per variant and condition</h2><div id="selection"></div>
      <div class="row" style="margin-top:.75rem">
        <label for="race-budget" style="width:auto">Race the tied configurations: trials to spend</label>
        <input id="race-budget" type="number" min="1" value="20" style="width:6rem">
        <label for="race-seeds" style="width:auto">seeds per round</label>
        <input id="race-seeds" type="number" min="1" max="100" value="1" style="width:5rem">
        <button id="race" class="secondary">Race</button> <span id="race-result" class="muted"></span>
      </div></section>
    <section><h2>Summary over seeds</h2>
      <div class="row"><label for="summary-order" style="width:auto">Rows</label>
        <select id="summary-order" style="width:auto"><option value="variant">by variant and condition</option><option value="best">best mean first</option></select></div>
      <div id="summary"></div><p id="summary-pager" class="muted"></p></section>
    <section><h2>Trials</h2>
      <div class="row"><label for="trials-state" style="width:auto">State</label>
        <select id="trials-state" style="width:auto"><option value="">any</option>${TRIAL_STATES.map((s) => `<option>${s}</option>`).join('')}</select>
        <label for="trials-variant" style="width:auto">Variant</label>
        <select id="trials-variant" style="width:auto"><option value="">any</option>${((sweep.spec.variants as string[]) ?? [])
          .map((v) => `<option value="${escape(v)}">${escape(VARIANT_NAMES[v] ?? v)}</option>`).join('')}</select>
        <label for="trials-page" style="width:auto">Page</label><input id="trials-page" type="number" min="1" style="width:6rem">
        <button id="trials-go" class="secondary">Go</button></div>
      <div id="trials"></div></section>
    <section id="sharing" hidden><h2>Share read-only</h2>
      <div class="row"><label for="share-label" style="width:auto">Label</label><input id="share-label" placeholder="for the reviewers" style="width:14rem">
        <label for="share-hours" style="width:auto">expires after (hours, empty = never)</label><input id="share-hours" type="number" min="1" style="width:6rem">
        <button id="share" class="secondary">Create link</button></div>
      <div id="share-result"></div><div id="shares"></div></section>
    <section id="history-section" hidden><h2>History</h2><div id="history"></div></section>`;
  const renderHeader = (s: Sweep) => {
    const state = document.getElementById('state')!;
    state.textContent = s.state;
    state.className = `state ${s.state}`;
    document.getElementById('progress')!.innerHTML = bar(s);
  };
  renderHeader(sweep);
  if (me?.kind === 'share') {
    // A share link reads only: the controls stay in the page (their handlers are wired below) but hidden.
    document.getElementById('controls')!.querySelectorAll<HTMLElement>('button, input, label').forEach((e) => { e.hidden = true; });
    document.getElementById('race')!.parentElement!.hidden = true;
  } else {
    renderSharing(id).catch(() => { /* viewers may not manage links: the section stays hidden */ });
  }
  api.sweepAudit(id).then((events) => {
    if (events.length === 0) return;
    document.getElementById('history-section')!.hidden = false;
    document.getElementById('history')!.innerHTML = `<table><tbody>${events.map((e) =>
      `<tr><td>${time(e.at)}</td><td>${escape(e.actor)}</td><td>${escape(e.action)}</td><td>${escape(e.detail ?? '')}</td></tr>`).join('')}</tbody></table>`;
  }).catch(() => { /* the history is an extra */ });
  document.querySelectorAll<HTMLButtonElement>('#controls button').forEach((button) =>
    button.addEventListener('click', async () => {
      try {
        await api.action(id, button.dataset.action!);
        renderHeader(await api.sweep(id));
      } catch (error) {
        showError(document.getElementById('action-error')!, error);
      }
    }));
  document.getElementById('extend')!.addEventListener('click', async () => {
    const seeds = (document.getElementById('extend-seeds') as HTMLInputElement).value.split(',').map((t) => t.trim()).filter(Boolean).map(Number);
    try {
      const extended = await api.extend(id, { seeds });
      renderHeader(extended.sweep);
      document.getElementById('action-error')!.innerHTML = `<p class="muted">${extended.trials} trials added</p>`;
    } catch (error) {
      showError(document.getElementById('action-error')!, error);
    }
  });
  document.getElementById('race')!.addEventListener('click', async () => {
    const result = document.getElementById('race-result')!;
    try {
      const budget = Number((document.getElementById('race-budget') as HTMLInputElement).value);
      const seeds = Number((document.getElementById('race-seeds') as HTMLInputElement).value);
      const raced = await api.race(id, seeds, budget);
      result.textContent = raced.trials > 0 ? `${raced.trials} trials planned for the tied configurations`
        : raced.sweep.state === 'SUCCEEDED' || raced.sweep.state === 'FAILED' ? 'nothing to race: no configuration is tied with the best' : 'the race starts when the running trials end';
      renderHeader(raced.sweep);
    } catch (error) {
      result.textContent = error instanceof Error ? error.message : String(error);
    }
  });
  const robustness = chart(document.getElementById('robustness')!);
  const paired = chart(document.getElementById('paired')!);
  const curves = chart(document.getElementById('curves')!);
  const parallel = chart(document.getElementById('parallel')!);
  const drawCurves = async () => {
    const metric = (document.getElementById('curve-metric') as HTMLSelectElement).value;
    const data = await api.curves(id, metric, (document.getElementById('curve-order') as HTMLSelectElement).value);
    document.getElementById('curves')!.dataset.series = String(data.length);
    curves.setOption({
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 },
      xAxis: { type: 'value', name: 'epoch' }, yAxis: { type: 'value', name: metric, scale: true },
      series: data.flatMap((c) => {
        const name = `${VARIANT_NAMES[c.variant] ?? c.variant} ${conditionLabel(c.condition)} ${JSON.stringify(c.params)}`;
        const s = curveSeries(c);
        return [
          { name, type: 'line', data: s.mean, symbol: 'none', triggerLineEvent: true },
          { name, type: 'line', data: s.low, symbol: 'none', lineStyle: { opacity: 0.3, type: 'dashed' }, tooltip: { show: false } },
          { name, type: 'line', data: s.high, symbol: 'none', lineStyle: { opacity: 0.3, type: 'dashed' }, tooltip: { show: false } },
        ];
      }),
    }, true);
    // Where the first curve's middle point is drawn, for a browser test to click on it.
    const first = data.length > 0 ? curveSeries(data[0]).mean : [];
    const point = first.length > 0 ? curves.convertToPixel({ seriesIndex: 0 }, first[Math.floor(first.length / 2)]) : null;
    document.getElementById('curves')!.dataset.firstPoint = point ? point.map(Math.round).join(',') : '';
    // A click on a curve opens one of the trials it averages (the first seed that succeeded).
    curves.off('click');
    curves.on('click', (event) => {
      const curve = data[Math.floor((event.seriesIndex ?? 0) / 3)];
      if (!curve) return;
      api.trialsWhere(id, trialQueryOf(curve)).then((page) => {
        const matching = page.items.filter((t) => sameCondition(t.condition, curve.condition));
        const trial = matching.find((t) => t.state === 'SUCCEEDED') ?? matching[0];
        if (trial) location.hash = `#/trials/${trial.id}`;
      }).catch((error) => showError(document.getElementById('action-error')!, error));
    });
  };
  document.getElementById('curve-metric')!.addEventListener('change', () => drawCurves().catch(() => undefined));
  document.getElementById('curve-order')!.addEventListener('change', () => drawCurves().catch(() => undefined));
  let lastDone = -1;
  const refresh = async (s: Sweep) => {
    renderHeader(s);
    if (s.progress.done === lastDone) return;
    lastDone = s.progress.done;
    await renderResults(id, s, robustness, paired, parallel);
    await drawCurves();
  };
  await refresh(sweep);
  const events = new EventSource(`/api/sweeps/${id}/events`);
  events.onmessage = (message) => refresh(JSON.parse(message.data)).catch(() => undefined);
  cleanup.push(() => events.close());
}

async function renderSharing(id: number) {
  const shares = await api.shares(id);
  document.getElementById('sharing')!.hidden = false;
  document.getElementById('shares')!.innerHTML = shares.length === 0 ? '<p class="muted">No links yet.</p>'
    : `<table><thead><tr><th>Label</th><th>By</th><th>Created</th><th>Expires</th><th></th></tr></thead><tbody>
      ${shares.map((l) => `<tr><td>${escape(l.label ?? '')}</td><td>${escape(l.createdBy ?? '')}</td><td>${time(l.createdAt)}</td>
        <td>${time(l.expiresAt)}</td><td>${l.revokedAt ? 'revoked' : `<button class="secondary" data-unshare="${l.id}">Revoke</button>`}</td></tr>`).join('')}
      </tbody></table>`;
  document.querySelectorAll<HTMLButtonElement>('[data-unshare]').forEach((b) => b.addEventListener('click', async () => {
    await api.unshare(id, Number(b.dataset.unshare));
    await renderSharing(id);
  }));
  const button = document.getElementById('share') as HTMLButtonElement;
  button.onclick = async () => {
    const hours = (document.getElementById('share-hours') as HTMLInputElement).value;
    try {
      const link = await api.share(id, (document.getElementById('share-label') as HTMLInputElement).value, hours ? Number(hours) : null);
      const url = `${location.origin}${link.path}`;
      await renderSharing(id);
      document.getElementById('share-result')!.innerHTML = `<p>Link (shown once): <a id="share-url" href="${escape(url)}">${escape(url)}</a></p>`;
    } catch (error) {
      showError(document.getElementById('share-result')!, error);
    }
  };
}

async function renderResults(id: number, sweep: Sweep, robustness: Chart, paired: Chart, parallel: Chart) {
  if (summaryView.sweep !== id) {
    summaryView = { sweep: id, order: 'variant', page: 0 };
  }
  const [selection, summary] = await Promise.all([api.selection(id), api.summary(id, summaryView.order, summaryView.page)]);
  const series = robustnessSeries(selection.groups);
  const robustnessElement = document.getElementById('robustness')!;
  robustnessElement.dataset.series = String(series.length);
  robustness.setOption({
    tooltip: { trigger: 'axis' }, legend: { top: 0 },
    xAxis: { type: 'value', name: Object.keys(selection.groups[0]?.condition ?? { condition: 0 })[0] },
    // Top-1 lives in [0, 1]: keep the axis there even when a few seeds make the intervals reach beyond it.
    yAxis: selection.metric.endsWith('top1') ? { type: 'value', name: selection.metric, min: 0, max: 1 }
      : { type: 'value', name: selection.metric, scale: true },
    series: series.flatMap((s) => [
      { name: s.name, type: 'line', data: s.points.map((p) => [p.x, p.mean]), symbolSize: 6 },
      { name: s.name, type: 'line', data: s.points.map((p) => [p.x, p.low]), lineStyle: { opacity: 0.35, type: 'dashed' }, symbol: 'none', tooltip: { show: false } },
      { name: s.name, type: 'line', data: s.points.map((p) => [p.x, p.high]), lineStyle: { opacity: 0.35, type: 'dashed' }, symbol: 'none', tooltip: { show: false } },
    ]),
  }, true);

  const variants = (sweep.spec.variants as string[]) ?? [];
  const partner = ungatedPartner(variants);
  const pairedElement = document.getElementById('paired')!;
  const verdicts = document.getElementById('verdicts')!;
  if (partner) {
    const comparison = await api.compare(id, partner, 'gated-symile');
    const rows = pairedRows(comparison);
    pairedElement.dataset.conditions = String(rows.length);
    paired.setOption({
      tooltip: {}, legend: { top: 0 },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: { type: 'value', name: `Gated Symile − ${VARIANT_NAMES[partner]}` },
      series: [
        { name: 'mean difference', type: 'bar', data: rows.map((r) => r.difference), barWidth: '30%' },
        { name: '95% CI', type: 'custom', data: rows.map((r, i) => [i, r.low, r.high]),
          renderItem: (_params: unknown, api: any) => {
            const low = api.coord([api.value(0), api.value(1)]);
            const high = api.coord([api.value(0), api.value(2)]);
            return { type: 'group', children: [
              { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: { stroke: '#1d2330', lineWidth: 2 } },
              { type: 'line', shape: { x1: low[0] - 8, y1: low[1], x2: low[0] + 8, y2: low[1] }, style: { stroke: '#1d2330', lineWidth: 2 } },
              { type: 'line', shape: { x1: high[0] - 8, y1: high[1], x2: high[0] + 8, y2: high[1] }, style: { stroke: '#1d2330', lineWidth: 2 } },
            ] };
          } },
        { name: 'seeds', type: 'scatter', data: rows.flatMap((r, i) => r.seeds.map((d) => [i, d])), symbolSize: 7 },
      ],
    }, true);
    verdicts.innerHTML = comparison.conditions.map((c) => `<p class="verdict">${escape(c.verdict)}${c.warning ? ` <span class="error">(${escape(c.warning)})</span>` : ''}</p>`).join('');
  } else {
    pairedElement.dataset.conditions = '0';
    verdicts.innerHTML = '<p class="muted">This sweep has no gated and ungated variant to compare.</p>';
  }

  document.getElementById('selection')!.innerHTML = selection.groups.length === 0 ? '<p class="muted">No trial has succeeded yet.</p>' :
    `<p class="muted">Ranked by the ${escape(selection.rule)}; “tied” are the configurations the data cannot separate from the best.</p>
    <table><thead><tr><th>Variant</th><th>Condition</th><th>Best configuration</th><th>Mean</th><th>95% CI</th><th>Seeds</th><th>Tied</th></tr></thead><tbody>
    ${selection.groups.map((g) => `<tr><td>${escape(VARIANT_NAMES[g.variant] ?? g.variant)}</td><td>${escape(conditionLabel(g.condition))}</td>
      <td><code>${escape(JSON.stringify(g.best.params))}</code></td><td>${fmt(g.best.mean)}</td><td>${fmt(g.best.ciLow)} – ${fmt(g.best.ciHigh)}</td>
      <td>${g.best.n}</td><td>${g.tied.length} of ${g.configurations}</td></tr>`).join('')}</tbody></table>`;

  await renderSummaryPage(id, summaryView.order, summaryView.page, summary);
  const lines = parallelData(summary.items);
  // An axis with any text value is a category axis, and then every value on it is text: a number left as a number
  // would be read as a category's index and drawn off the axis.
  const category = lines.axes.map((_, dim) => lines.lines.some((l) => typeof l[dim] === 'string'));
  parallel.setOption({
    tooltip: {},
    parallelAxis: lines.axes.map((name, dim) => ({ dim, name, type: category[dim] ? 'category' : 'value',
      ...(category[dim] ? { data: [...new Set(lines.lines.map((l) => String(l[dim])))] } : {}) })),
    series: [{ type: 'parallel', data: lines.lines.map((l) => l.map((v, dim) => (category[dim] ? String(v) : v))), lineStyle: { width: 2, opacity: 0.6 } }],
  }, true);

  await renderTrials(id, trialList.page);
}

const TRIAL_STATES = ['PLANNED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'PRUNED', 'CANCELLED'];
let trialList = { page: 0, state: '', variant: '' };
let trialRequests = 0;

/**
 * A page of the sweep's trials (50 a page), narrowed to a state and a variant if chosen, with previous/next and
 * a jump to any page: a sweep of thousands of trials is browsed without paging through all of them.
 */
async function renderTrials(id: number, page: number) {
  if (!document.getElementById('trials')) {
    return; // another view opened meanwhile
  }
  const state = document.getElementById('trials-state') as HTMLSelectElement;
  const variant = document.getElementById('trials-variant') as HTMLSelectElement;
  const jump = document.getElementById('trials-page') as HTMLInputElement;
  const go = () => renderTrials(id, Math.max(0, (Number(jump.value) || 1) - 1));
  state.onchange = () => { trialList.state = state.value; renderTrials(id, 0); };
  variant.onchange = () => { trialList.variant = variant.value; renderTrials(id, 0); };
  document.getElementById('trials-go')!.onclick = go;
  jump.onkeydown = (e) => { if (e.key === 'Enter') go(); };
  // Only the newest request draws: two quick filter changes must not end showing the first one's answer.
  const request = ++trialRequests;
  let trials = await api.trials(id, page, trialList.state, trialList.variant);
  if (request === trialRequests && page > 0 && page >= trials.totalPages) {
    // A page past the end (typed, or the filter now matches fewer trials): the last page instead.
    page = Math.max(0, trials.totalPages - 1);
    trials = await api.trials(id, page, trialList.state, trialList.variant);
  }
  if (request !== trialRequests || !document.getElementById('trials')) {
    return; // a newer request, or another view, came meanwhile
  }
  trialList.page = page;
  jump.value = String(page + 1);
  jump.max = String(Math.max(1, trials.totalPages));
  const element = document.getElementById('trials')!;
  element.dataset.total = String(trials.total);
  element.innerHTML = `<table><thead><tr><th>Trial</th><th>Variant</th><th>Condition</th><th>Seed</th><th>State</th><th>Attempt</th><th>Objective</th></tr></thead><tbody>
    ${trials.items.map((t) => `<tr><td><a href="#/trials/${t.id}">${t.id}</a></td><td>${escape(VARIANT_NAMES[t.variant] ?? t.variant)}</td>
      <td>${escape(conditionLabel(t.condition))}</td><td>${t.seed}</td><td class="state ${t.state}">${t.state}</td><td>${t.attempt}</td><td>${fmt(t.objective)}</td></tr>`).join('')}
    </tbody></table><p class="muted">${trials.total} trials${trialList.state || trialList.variant ? ' matching' : ''} · page ${page + 1} of ${Math.max(1, trials.totalPages)}
    ${pagingButtons('trials', page, trials.totalPages)}</p>`;
  onPaging('trials', page, (other) => renderTrials(id, other));
}

/** Previous and next buttons of a paged list (ids NAME-previous and NAME-next), where there is such a page. */
function pagingButtons(name: string, page: number, totalPages: number): string {
  return `${page > 0 ? `<button class="secondary" id="${name}-previous">previous</button>` : ''}
    ${page + 1 < totalPages ? `<button class="secondary" id="${name}-next">next</button>` : ''}`;
}

function onPaging(name: string, page: number, show: (page: number) => unknown) {
  document.getElementById(`${name}-previous`)?.addEventListener('click', () => show(page - 1));
  document.getElementById(`${name}-next`)?.addEventListener('click', () => show(page + 1));
}

let summaryView = { sweep: 0, order: 'variant', page: 0 };

/**
 * One page (200 rows) of the summary in the server's order (by variant and condition, or best mean first over
 * all rows), with links to the other pages; a click on a column header then sorts the rows of that page.
 */
async function renderSummaryPage(id: number, order: string, page: number, loaded?: Page<SummaryRow>) {
  // The choice holds at once, also for a refresh of the results that starts before this page arrives.
  summaryView = { sweep: id, order, page };
  const summary = loaded ?? await api.summary(id, order, page);
  if (summaryView.sweep !== id || summaryView.order !== order || summaryView.page !== page || !document.getElementById('summary')) {
    return; // a later choice was made, or another view opened, meanwhile
  }
  renderSummary(summary.items);
  document.getElementById('summary')!.dataset.order = order;
  const select = document.getElementById('summary-order') as HTMLSelectElement;
  select.value = order;
  select.onchange = () => renderSummaryPage(id, select.value, 0);
  const pager = document.getElementById('summary-pager')!;
  if (summary.total === 0) {
    pager.innerHTML = '';
    return;
  }
  const first = page * summary.size + 1;
  const last = page * summary.size + summary.items.length;
  pager.innerHTML = `Rows ${first}–${last} of ${summary.total}${summary.totalPages > 1 ? ` · page ${page + 1} of ${summary.totalPages}
    (a column click sorts this page; “best mean first” orders all rows)` : ''}
    ${pagingButtons('summary', page, summary.totalPages)}`;
  onPaging('summary', page, (other) => renderSummaryPage(id, order, other));
}

/** The summary table, in the server's order until a column is clicked, then by that column (click again to reverse). */
function renderSummary(rows: SummaryRow[], key: keyof SummaryRow | 'condition' | null = null, descending = false) {
  const element = document.getElementById('summary')!;
  if (rows.length === 0) {
    element.innerHTML = '<p class="muted">No trial has succeeded yet.</p>';
    return;
  }
  const sorted = key === null ? rows : sortRows(rows, key, descending);
  const header = (label: string, column: keyof SummaryRow | 'condition') =>
    `<th class="sortable" data-key="${column}" tabindex="0" aria-sort="${column === key ? (descending ? 'descending' : 'ascending') : 'none'}">${label}${column === key ? (descending ? ' ▼' : ' ▲') : ''}</th>`;
  element.innerHTML = `<table><thead><tr>${header('Variant', 'variant')}${header('Condition', 'condition')}<th>Parameters</th>${header('n', 'n')}
    ${header('Mean ± sd', 'mean')}${header('95% CI (t)', 'ciLow')}<th>95% CI (bootstrap)</th></tr></thead><tbody>
    ${sorted.map((r) => `<tr><td>${escape(VARIANT_NAMES[r.variant] ?? r.variant)}</td><td>${escape(conditionLabel(r.condition))}</td>
      <td><code>${escape(JSON.stringify(r.params))}</code></td><td>${r.n}</td><td>${fmt(r.mean)} ± ${fmt(r.sd)}</td>
      <td>${fmt(r.ciLow)} – ${fmt(r.ciHigh)}</td><td>${fmt(r.bootstrapLow)} – ${fmt(r.bootstrapHigh)}</td></tr>`).join('')}</tbody></table>`;
  element.querySelectorAll<HTMLElement>('th.sortable').forEach((th) => {
    const sort = () => renderSummary(rows, th.dataset.key as keyof SummaryRow, th.dataset.key === key ? !descending : th.dataset.key !== 'variant');
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') sort(); });
  });
}

async function trialView(id: number) {
  const detail = await api.trial(id);
  const t = detail.trial;
  app.innerHTML = `<section><h1>Trial ${t.id} · ${escape(VARIANT_NAMES[t.variant] ?? t.variant)}, seed ${t.seed}</h1>
    <p><a href="#/sweeps/${t.sweepId}">Back to the sweep</a> · <span class="state ${t.state}">${t.state}</span>, attempt ${t.attempt}
    ${t.error ? `<br><span class="error">${escape(t.error)}</span>` : ''}</p>
    <p>Condition: ${escape(conditionLabel(t.condition))}. Parameters: <code>${escape(JSON.stringify(t.params))}</code></p>
    <p>Final: ${Object.entries(detail.metrics).map(([k, v]) => `${escape(k)} ${fmt(v)}`).join(' · ') || '–'}</p></section>
    <section><h2>Per epoch</h2><div id="curves" class="chart"></div></section>
    <section><h2>History</h2><table><thead><tr><th>At</th><th>Attempt</th><th>From</th><th>To</th><th>Node</th><th>Note</th></tr></thead><tbody>
    ${detail.history.map((h) => `<tr><td>${time(h.at)}</td><td>${h.attempt}</td><td>${h.from ?? ''}</td><td>${h.to}</td><td>${escape(h.node)}</td><td>${escape(h.note)}</td></tr>`).join('')}
    </tbody></table></section>`;
  const epochs = downsample(detail.epochs, 500);
  const names = [...new Set(epochs.flatMap((e) => Object.keys(e.metrics)))].filter((n) => n !== 'epoch_seconds');
  chart(document.getElementById('curves')!).setOption({
    tooltip: { trigger: 'axis' }, legend: { top: 0 },
    xAxis: { type: 'value', name: 'epoch' }, yAxis: { type: 'value', scale: true },
    series: names.map((n) => ({ name: n, type: 'line', data: epochs.filter((e) => n in e.metrics).map((e) => [e.epoch, e.metrics[n]]) })),
  });
}

// Views render after awaiting the server: routes run one after another, so a slow view can never paint over
// the view of a later hash.
let routing: Promise<void> = Promise.resolve();
function navigate() {
  routing = routing.then(route, route);
}
window.addEventListener('hashchange', navigate);
navigate();
