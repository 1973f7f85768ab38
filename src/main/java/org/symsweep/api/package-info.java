/**
 * The HTTP surface: REST resources under {@code /api}, their request and response shapes, and the
 * mapping of every error to a JSON body {@code {"errors":[{"field":..,"message":..}]}} that names the
 * field and what is allowed, and never carries a stack trace.
 */
package org.symsweep.api;
