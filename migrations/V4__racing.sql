-- Racing: extra seeds for configurations still tied with the best, in rounds, within a trial budget.
-- race_budget is the number of trials the race may still add; null or 0 means no race.
alter table sweep add column race_seeds_per_round integer check (race_seeds_per_round between 1 and 100);
alter table sweep add column race_budget integer check (race_budget >= 0);
alter table sweep add column race_confidence double precision check (race_confidence >= 0.5 and race_confidence < 1);
alter table sweep add column race_rounds integer not null default 0;
