-- Failed sign-ins are no longer counted per account in the database: SignInThrottle counts them per user name
-- as submitted (existing or not) and per client address, in memory, and never locks an account.
alter table account drop column failed_logins;
alter table account drop column locked_until;
