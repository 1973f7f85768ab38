-- How many times a trial's node stopped while the trial ran (stale heartbeat, or Quartz recovering its job).
-- Past a limit the trial is FAILED instead of queued again: it may be what brings its nodes down.
alter table trial add column node_losses integer not null default 0 check (node_losses >= 0);
