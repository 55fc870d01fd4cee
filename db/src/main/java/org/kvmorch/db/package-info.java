/**
 * The persistence model: JPA entities and Spring Data repositories over the Flyway schema in
 * {@code db/migration}. Hibernate validates the schema against these entities at start-up.
 */
package org.kvmorch.db;
