/**
 * Where a sweep's own data come from: datasets uploaded to a project (checked, stored under
 * {@code SYMSWEEP_HOME/datasets} by id, described in PostgreSQL, usable only by sweeps of that project), and
 * server paths, allowed only under the data roots an administrator configured. Both are resolved when a sweep
 * is posted and again when a trial starts, and every refusal of a server path is the same one message.
 */
package org.symsweep.datasets;
