-- A sweep whose trials all ended with at least one failure says FAILED instead of SUCCEEDED.
alter table sweep drop constraint sweep_state_check;
alter table sweep add constraint sweep_state_check check (state in ('RUNNING', 'PAUSED', 'SUCCEEDED', 'FAILED', 'CANCELLED'));
update sweep set state = 'FAILED'
 where state = 'SUCCEEDED' and exists (select 1 from trial where trial.sweep_id = sweep.id and trial.state = 'FAILED');
