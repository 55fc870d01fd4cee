/**
 * The hypervisor port: everything the orchestrator may ask of a KVM host, in libvirt's terms and
 * with units in the names. Two implementations stand behind it: {@code libvirt} (real hosts) and
 * {@code sim} (the in-process QEMU migration simulator). Nothing here knows Spring or a database.
 */
package org.kvmorch.hypervisor;
