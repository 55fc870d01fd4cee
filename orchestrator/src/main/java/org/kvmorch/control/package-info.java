/**
 * Migration control: policies decide, from a job's statistics history, what to do next (raise the
 * downtime limit, switch to post-copy, abort...). Plain Java, no Spring, no clock: time comes
 * from the observations. Policies are chosen by name through {@link org.kvmorch.control.Policies}.
 */
package org.kvmorch.control;
